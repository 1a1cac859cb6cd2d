// Run ids sort by start time: `2026-11-27T18-40-00-123Z_<project>_<preset>_<rand4>`.

/** Inputs of makeRunId; `startedAt` and `random` are injectable for tests. */
export interface RunIdParts {
  project: string;
  preset: string;
  /** @default new Date() */
  startedAt?: Date;
  /** Source of the 4 random hex digits. @default Math.random */
  random?: () => number;
}

/** Characters allowed in a run id part; anything else becomes `-`. */
const UNSAFE_ID_CHARS = /[^A-Za-z0-9._-]+/g;

/**
 * Make a file-name-safe run id whose lexicographic order is the order of start times (UTC).
 * @example makeRunId({ project: 'qwen3_8b', preset: 'default' }) // '2026-11-27T18-40-00-123Z_qwen3_8b_default_3f9a'
 */
export function makeRunId(parts: RunIdParts): string {
  const startedAt = parts.startedAt ?? new Date();
  if (Number.isNaN(startedAt.getTime())) throw new RangeError('`startedAt` is an invalid Date');
  const time = startedAt.toISOString().replace(/[:.]/g, '-');
  const random = parts.random ?? Math.random;
  const suffix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, '0')
    .slice(-4);
  return `${time}_${sanitizeIdPart(parts.project)}_${sanitizeIdPart(parts.preset)}_${suffix}`;
}

// Replace characters that are unsafe in file names.
export function sanitizeIdPart(part: string): string {
  const safe = part.replace(UNSAFE_ID_CHARS, '-').replace(/^[.-]+/, '');
  return safe === '' ? 'unnamed' : safe;
}

/** True when a run id can be used as a file name under `runs/` (no separators, no leading dot). */
export function isSafeRunId(runId: string): boolean {
  return runId.length > 0 && runId.length <= 200 && !/[/\\\0]/.test(runId) && !runId.startsWith('.');
}
