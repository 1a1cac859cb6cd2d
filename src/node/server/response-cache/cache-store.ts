import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { CachedAnswer } from './cacheable.ts';

// The response cache on disk: one JSON file per answer, `<dir>/<key[0..2]>/<key>.json`, written atomically. Size
// limited with least-recently-used eviction: a file's mtime is its last use (set on every hit; atime is unreliable
// on relatime/noatime mounts), and when the total passes the limit the oldest-used files go until it is 90% full.

/** Share of the limit the cache is brought down to when it overflows, so eviction does not run on every write. */
export const EVICT_TO_SHARE = 0.9;

interface Entry {
  size: number;
  usedAt: number;
}

interface StoredFile {
  version: 1;
  status: number;
  contentType: string;
  body: string;
}

/** Answers on disk by key. */
export class ResponseCacheStore {
  readonly dir: string;
  readonly maxBytes: number;
  #entries = new Map<string, Entry>();
  #bytes = 0;

  private constructor(dir: string, maxBytes: number) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /** Open (creating) the cache folder and index what it holds. */
  static async open(dir: string, maxBytes: number): Promise<ResponseCacheStore> {
    const store = new ResponseCacheStore(dir, maxBytes);
    await mkdir(dir, { recursive: true });
    for (const shard of await readdir(dir)) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of await readdir(path.join(dir, shard)).catch(() => [] as string[])) {
        if (!name.endsWith('.json')) continue;
        const info = await stat(path.join(dir, shard, name)).catch(() => null);
        if (info) store.#remember(name.slice(0, -'.json'.length), info.size, info.mtimeMs);
      }
    }
    return store;
  }

  /** Answers held and their bytes on disk. */
  stats(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  /** The answer stored under `key`, marked as just used; null when there is none (or it cannot be read). */
  async get(key: string): Promise<CachedAnswer | null> {
    const file = this.#file(key);
    let text: string;
    let stored: StoredFile;
    try {
      text = await readFile(file, 'utf8');
      stored = JSON.parse(text) as StoredFile;
    } catch {
      return null;
    }
    if (stored.version !== 1 || typeof stored.body !== 'string') return null;
    const now = Date.now();
    const known = this.#entries.get(key);
    // Another process may have written it; either way it is now the most recently used.
    if (known) known.usedAt = now;
    else this.#remember(key, Buffer.byteLength(text), now);
    utimes(file, now / 1000, now / 1000).catch(() => {});
    return { status: stored.status, contentType: stored.contentType, body: Buffer.from(stored.body, 'utf8') };
  }

  /** Keep an answer under `key` (an answer larger than the whole cache is not kept), then evict down to the limit. */
  async put(key: string, answer: CachedAnswer): Promise<void> {
    const text = JSON.stringify({
      version: 1,
      status: answer.status,
      contentType: answer.contentType,
      body: answer.body.toString('utf8'),
    } satisfies StoredFile);
    const size = Buffer.byteLength(text);
    if (size > this.maxBytes) return;
    const file = this.#file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
    await rename(temp, file).catch(async (error: unknown) => {
      await rm(temp, { force: true });
      throw error;
    });
    this.#forget(key);
    this.#remember(key, size, Date.now());
    if (this.#bytes > this.maxBytes) await this.#evict();
  }

  // Remove least recently used answers until the cache is EVICT_TO_SHARE full.
  async #evict(): Promise<void> {
    const target = this.maxBytes * EVICT_TO_SHARE;
    const oldestFirst = [...this.#entries].sort(([, a], [, b]) => a.usedAt - b.usedAt);
    for (const [key] of oldestFirst) {
      if (this.#bytes <= target) break;
      this.#forget(key);
      await rm(this.#file(key), { force: true });
    }
  }

  #remember(key: string, size: number, usedAt: number): void {
    this.#entries.set(key, { size, usedAt });
    this.#bytes += size;
  }

  #forget(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.size;
  }

  #file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}
