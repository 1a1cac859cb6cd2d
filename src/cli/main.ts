import { HarnessError } from '../shared/errors.ts';
import { runViewCommand, VIEW_USAGE } from './view-command.ts';

// The `qwen-evals` command's dispatcher: one module per subcommand, so new ones are one line here.

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  view: runViewCommand,
};

const USAGE = ['Usage: qwen-evals <command> [options]', '', 'Commands:', `  ${VIEW_USAGE.split('\n').join('\n  ')}`].join('\n');

/** Run the command line `args` (without node and the script); resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(
      `qwen-evals: unknown command ${JSON.stringify(command)}; expected one of: ${Object.keys(COMMANDS).join(', ')}.\n\n${USAGE}`,
    );
    return 2;
  }
  try {
    return await run(rest);
  } catch (error) {
    // Our own errors already say what to fix; anything else is a bug worth its stack.
    console.error(error instanceof HarnessError ? `qwen-evals ${command}: ${error.message}` : error);
    return 1;
  }
}
