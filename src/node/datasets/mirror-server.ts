import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { BUILTIN_PINS } from '../../evals/registry.ts';
import type { DatasetFilePin } from '../../shared/datasets/pins.ts';

// Loopback HTTP mirror serving pinned files from a local directory laid out like shared/datasets.

/** Options of {@link startDatasetMirror}. */
export interface DatasetMirrorOptions {
  /** Directory laid out like shared/datasets (`gsm8k/test.jsonl`, `humaneval/HumanEval.jsonl.gz`, ...). */
  root: string;
  /** Pins to serve, each at `/{repository}/{commit}/{path}` from `<root>/<localPath>`. @default every built-in dataset's pins */
  pins?: readonly DatasetFilePin[];
}

/** A running mirror. */
export interface DatasetMirror {
  /** `http://127.0.0.1:<port>`; use as `EVAL_DATASET_BASE_URL` or the `baseUrl` option. */
  readonly baseUrl: string;
  /** Requests received so far (any path, any outcome). */
  readonly requests: number;
  /** Stop the server; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Start the mirror on 127.0.0.1 and a free port. A gzip pin whose `.gz` is missing locally is served by
 * gzipping its decompressed copy on the fly; unknown paths and missing files answer 404.
 * @example const mirror = await startDatasetMirror({ root: '../shared/datasets' });
 */
export async function startDatasetMirror(options: DatasetMirrorOptions): Promise<DatasetMirror> {
  const root = path.resolve(options.root);
  const routes = new Map<string, DatasetFilePin>();
  for (const pin of options.pins ?? BUILTIN_PINS) {
    // Only pins a local copy can hold (built-ins name theirs); a user's remote file is fetched from its URL.
    if (pin.localPath === undefined) continue;
    routes.set(`/${pin.repository}/${pin.commit}/${pin.path}`, pin);
  }
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    handle(root, routes, request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, `mirror error: ${(error as Error).message}\n`);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handle(
  root: string,
  routes: Map<string, DatasetFilePin>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'only GET and HEAD\n');
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://mirror').pathname);
  } catch {
    return send(response, 400, 'bad path\n');
  }
  const pin = routes.get(pathname);
  if (!pin) return send(response, 404, `not a pinned file: ${pathname}\n`);

  const artifact = path.join(root, pin.localPath!);
  const size = await fileSize(artifact);
  if (size !== undefined) {
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
    if (request.method === 'HEAD') return void response.end();
    return pipeline(createReadStream(artifact), response);
  }
  if (pin.compression === 'gzip' && pin.localDecompressedPath) {
    const plain = path.join(root, pin.localDecompressedPath);
    if ((await fileSize(plain)) !== undefined) {
      const body = gzipSync(await readFile(plain));
      response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length });
      return void response.end(request.method === 'HEAD' ? undefined : body);
    }
  }
  return send(response, 404, `pinned file ${pin.id} is missing from the mirror root: ${artifact}\n`);
}

async function fileSize(file: string): Promise<number | undefined> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
