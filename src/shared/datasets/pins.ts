import type { DatasetPin } from '../records/suite-meta.ts';

// The shape of a pinned dataset file and the helpers the download cache uses. Each built-in dataset keeps its own
// pins next to it (src/evals/<name>/pins.ts); the registry (src/evals/registry.ts) collects them.

/** Default public URL: GitHub's raw host at the pinned commit. */
export const PUBLIC_URL_TEMPLATE = 'https://raw.githubusercontent.com/{repository}/{commit}/{path}';

/** How the public artifact is compressed; the cache always holds the decompressed file. */
export type DatasetCompression = 'gzip' | 'bzip2';

/** One pinned public file: where it lives upstream, what it hashes to, where a local mirror keeps it. */
export interface DatasetFilePin {
  /** Stable id used by suites, e.g. `gsm8k/test`. */
  readonly id: string;
  /** GitHub `owner/name` of the repository holding the file. */
  readonly repository: string;
  /** Full commit sha the file is read at. */
  readonly commit: string;
  /** Path of the downloaded artifact inside the repository. */
  readonly path: string;
  /** sha256 of the downloaded artifact (the bytes at `path`). */
  readonly sha256: string;
  /** Size of the downloaded artifact, when known. @unit bytes */
  readonly bytes?: number;
  /** Set when the artifact is compressed; the cache then holds the decompressed file, checked by `decompressed`. */
  readonly compression?: DatasetCompression;
  /** sha256 and size of the decompressed file (only for compressed artifacts). */
  readonly decompressed?: { readonly sha256: string; readonly bytes: number };
  /** Records in the (decompressed) file as verified by the manifest. */
  readonly records?: number;
  /** Data license (not the carrying repository's). */
  readonly license?: string;
  /** Where a directory laid out like shared/datasets keeps the artifact (relative path); built-in pins have one. */
  readonly localPath?: string;
  /** Where that directory keeps the decompressed copy, when it has one (relative path). */
  readonly localDecompressedPath?: string;
  /** URL of the public artifact; `{repository}`, `{commit}` and `{path}` are substituted. @default PUBLIC_URL_TEMPLATE */
  readonly urlTemplate: string;
}

/** A pin of a published dataset file, as built-in datasets have them: size, record count, license and local path known. */
export type PublishedPin = DatasetFilePin & {
  readonly bytes: number;
  readonly records: number;
  readonly license: string;
  readonly localPath: string;
};

/** The run-record form of a pin: the public artifact's repository, commit, path and sha256. */
export function toDatasetPin(pin: DatasetFilePin): DatasetPin {
  return { repository: pin.repository, commit: pin.commit, path: pin.path, sha256: pin.sha256 };
}

/** Public URL of a pin's artifact. @example publicUrl(GSM8K_PINS['gsm8k/test']) */
export function publicUrl(pin: DatasetFilePin): string {
  return pin.urlTemplate
    .replaceAll('{repository}', pin.repository)
    .replaceAll('{commit}', pin.commit)
    .replaceAll('{path}', encodeURI(pin.path));
}

/** URL of a pin's artifact on a mirror: `{baseUrl}/{repository}/{commit}/{path}`. */
export function mirrorUrl(baseUrl: string, pin: DatasetFilePin): string {
  return `${baseUrl.replace(/\/+$/, '')}/${pin.repository}/${pin.commit}/${encodeURI(pin.path)}`;
}

/** sha256 and size of the file the cache holds for a pin (decompressed when the artifact is compressed). */
export function cachedFileDigest(pin: DatasetFilePin): { sha256: string; bytes: number | undefined } {
  return pin.decompressed ?? { sha256: pin.sha256, bytes: pin.bytes };
}
