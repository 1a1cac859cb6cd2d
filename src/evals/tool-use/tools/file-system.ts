// The file tools' file system: a plain map from absolute paths to text, fresh for every case, so a write in one case
// is never seen by another and the final state can be checked.

/** Files by absolute path (`/notes/todo.txt`). */
export type FileTree = Record<string, string>;

/** A case's file system. */
export class MemoryFileSystem {
  private readonly files: Map<string, string>;

  constructor(initial: FileTree = {}) {
    this.files = new Map(Object.entries(initial).map(([path, text]) => [normalisePath(path), text]));
  }

  /** Files and folders directly under a folder. */
  list(folder: string): Record<string, unknown> {
    const dir = normalisePath(folder).replace(/\/?$/, '/');
    const entries = new Set<string>();
    for (const path of this.files.keys()) {
      if (!path.startsWith(dir)) continue;
      const rest = path.slice(dir.length);
      entries.add(rest.includes('/') ? `${rest.slice(0, rest.indexOf('/'))}/` : rest);
    }
    if (entries.size === 0 && dir !== '/') return { error: `no folder ${JSON.stringify(folder)}` };
    return { path: dir, entries: [...entries].sort() };
  }

  read(path: string): Record<string, unknown> {
    const text = this.files.get(normalisePath(path));
    return text === undefined ? { error: `no file ${JSON.stringify(path)}` } : { path: normalisePath(path), content: text };
  }

  write(path: string, content: string): Record<string, unknown> {
    const target = normalisePath(path);
    if (!target.startsWith('/') || target.endsWith('/')) return { error: `not a file path: ${JSON.stringify(path)}` };
    this.files.set(target, content);
    return { path: target, written: content.length };
  }

  /** Every file, for the record and the final-state check. */
  snapshot(): FileTree {
    return Object.fromEntries([...this.files].sort(([a], [b]) => a.localeCompare(b)));
  }
}

function normalisePath(path: string): string {
  const trimmed = path.trim();
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
