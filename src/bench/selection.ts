import type { RunContext } from '../shared/context.ts';

// The benchmark runs alone: it measures the server, so no eval may share it. It is selected by naming its file
// (`pnpm vitest run --project <model> throughput`). A run that names other files too skips it (as not selected); a run
// that names none leaves its file out (src/node/plugin/with-evals.ts).

/** How the benchmark's eval file ends (TypeScript source or compiled). */
const BENCHMARK_FILE = /\/bench\/throughput\.eval\.[cm]?[jt]s$/;

/** True when `file` is the benchmark's eval file. */
export function isBenchmarkFile(file: string): boolean {
  return BENCHMARK_FILE.test(file.replaceAll('\\', '/'));
}

// Ask the run's dispatcher which files this run selected; alone = the benchmark file and nothing else.
export async function benchmarkRunsAlone(run: Pick<RunContext, 'dispatcherUrl'>): Promise<boolean> {
  try {
    const response = await fetch(`${run.dispatcherUrl}/_eval/selection`, { signal: AbortSignal.timeout(5_000) });
    const { files } = (await response.json()) as { files: string[] | null };
    return files !== null && files.length > 0 && files.every(isBenchmarkFile);
  } catch {
    return false;
  }
}
