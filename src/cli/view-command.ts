import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportViewer } from '../node/viewer/export-html.ts';
import { watchResults } from '../node/viewer/load-results.ts';
import { openBrowser } from '../node/viewer/open-browser.ts';
import { startViewerServer } from '../node/viewer/viewer-server.ts';
import { ConfigError } from '../shared/errors.ts';
import { countOf } from '../shared/plural.ts';

// `qwen-evals view [results dir]`: serve the case viewer on loopback, or write it as one HTML file (--export).

/** The subcommand's help text. */
export const VIEW_USAGE = `view [results dir] [--port N] [--no-open] [--export out.html [--runs id,id]]
    Browse runs and cases of a results folder (default: $EVAL_RESULTS_DIR or results/) in the browser.
    --port N         listen on 127.0.0.1:N (default: a free port, printed)
    --no-open        do not open the browser
    --export FILE    write a single-file HTML viewer (data embedded, opens offline) and exit
    --runs IDS       with --export: only these run ids (comma-separated; default: every run)`;

/** Run `qwen-evals view`; resolves once the server stops (Ctrl-C) or the export is written. */
export async function runViewCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseViewArgs(args);
  if (values.help) {
    console.log(`Usage: qwen-evals ${VIEW_USAGE}`);
    return 0;
  }
  if (positionals.length > 1)
    throw new ConfigError(`\`view\` takes one results folder, got ${positionals.length}: ${positionals.join(' ')}.`);
  const resultsDir = path.resolve(positionals[0] ?? (env.EVAL_RESULTS_DIR?.trim() || 'results'));
  const { data, invalid, refresh } = await watchResults(resultsDir);
  for (const file of invalid) console.warn(`qwen-evals view: skipped ${file.path}: ${file.error.message}`);
  if (data.summaries.length === 0) console.warn(`qwen-evals view: no run records in ${path.join(resultsDir, 'runs')}.`);

  if (values.export !== undefined) {
    const runIds = values.runs
      ?.split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const summary = await exportViewer(data, path.resolve(values.export), runIds);
    const mb = (bytes: number) => (bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);
    console.log(
      `qwen-evals view: wrote ${summary.file} (${countOf(summary.runs, 'run')}, ${countOf(summary.cases, 'case')}, ${mb(summary.bytes)}; data ${mb(summary.rawDataBytes)} before gzip)`,
    );
    return 0;
  }
  if (values.runs !== undefined)
    throw new ConfigError('`--runs` picks the runs of an export; add `--export out.html` or leave `--runs` out.');

  const server = await startViewerServer(data, { port: parsePort(values.port), refresh });
  console.log(
    `qwen-evals view: ${server.url} (${data.summaries.length} runs in ${resultsDir}; new runs show on a page reload); Ctrl-C stops it.`,
  );
  if (!values['no-open'] && !(await openBrowser(server.url)))
    console.log('qwen-evals view: no browser could be opened here; open the URL above.');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new ConfigError(
      `\`--port\` is ${JSON.stringify(text)}; expected a port number from 1 to 65535, or leave it out for a free port.`,
    );
  }
  return port;
}

// An unknown or malformed option is the user's to fix: named with the usage, not thrown as a stack.
function parseViewArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        'no-open': { type: 'boolean', default: false },
        export: { type: 'string' },
        runs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\nUsage: qwen-evals ${VIEW_USAGE}`, { cause: error });
  }
}
