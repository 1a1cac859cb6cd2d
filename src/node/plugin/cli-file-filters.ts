// The file filters of the `vitest` command line (`vitest run --project qwen3_8b long-context` -> ['long-context']).
// Vitest hands its plugins no filters before it globs the test files, and opt-in suites must be in a project's
// `include` for a filter to find them, so the filters are read from the arguments the process was started with.

/** Vitest commands that may come first. */
const COMMANDS = new Set(['run', 'watch', 'dev', 'related', 'bench', 'list']);

/** Options that take a value in the next argument (the common ones; `--opt=value` needs no entry). */
const VALUE_OPTIONS = new Set([
  '--project',
  '--config',
  '-c',
  '--root',
  '-r',
  '--dir',
  '--reporter',
  '--outputFile',
  '--shard',
  '--mode',
  '--testNamePattern',
  '-t',
  '--pool',
  '--environment',
  '--exclude',
  '--maxWorkers',
  '--maxConcurrency',
  '--testTimeout',
  '--hookTimeout',
  '--sequence.seed',
  '--retry',
  '--bail',
  '--tags-filter',
]);

/**
 * The positional file filters of a `vitest` command line, lower-cased as Vitest compares them.
 * @example cliFileFilters(['node', 'vitest.mjs', 'run', '--project', 'qwen3_8b', 'long-context']) // ['long-context']
 */
export function cliFileFilters(argv: readonly string[] = process.argv): string[] {
  const args = argv.slice(2);
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') continue;
    if (arg.startsWith('-')) {
      if (!arg.includes('=') && VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    if (filters.length === 0 && i === 0 && COMMANDS.has(arg)) continue;
    filters.push(arg.toLowerCase());
  }
  return filters;
}
