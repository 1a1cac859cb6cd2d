import { EvalEnvSchema } from '../../shared/config/env.ts';

// The command that finishes an interrupted or incomplete run: the same Vitest arguments and the same harness
// variables, so the resumed half asks the same server kind, cases and settings (a resume that differs is refused,
// src/node/history/resume-source.ts). Secrets are left for the user's shell to supply again.

/** Variables the resume line never repeats: secrets, and the ones that make the run something else than a resume. */
const NOT_REPEATED = new Set(['EVAL_RESUME', 'EVAL_REPLAY', 'EVAL_API_KEY', 'EVAL_JUDGE_API_KEY']);

/** The command that resumes run `runId` of model project `project`, from this process's arguments and environment. */
export function resumeCommand(
  runId: string,
  project: string,
  invocation: { argv: readonly string[]; env: NodeJS.ProcessEnv } = { argv: process.argv, env: process.env },
): string {
  const args = invocation.argv.slice(2).filter((arg) => arg !== 'run');
  const rest = args.length ? args.map(shellQuote).join(' ') : `--project ${project}`;
  const variables = Object.keys(EvalEnvSchema.shape)
    .filter((name) => !NOT_REPEATED.has(name) && invocation.env[name]?.trim())
    .map((name) => `${name}=${shellQuote(invocation.env[name]!.trim())}`);
  return [`EVAL_RESUME=${runId}`, ...variables, `pnpm vitest run ${rest}`].join(' ');
}

// A word as a POSIX shell reads it back: as it is when it holds no special character, else single-quoted.
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
