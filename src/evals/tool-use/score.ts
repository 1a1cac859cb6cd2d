import type { MultiScorer } from '../../scorers/scorer.ts';
import { containsFact } from '../../scorers/text/contains-fact.ts';
import type { AgentOutput, ExecutedCall } from './agent-loop.ts';
import { requiredCalls, type TaskCall, type ToolTask } from './reader.ts';
import { MemoryFileSystem } from './tools/file-system.ts';
import { executeTool } from './tools/index.ts';
import { TOOL_USE_METRICS } from './metrics.ts';

// A task succeeds when the final answer states its facts, the required calls were made in order, and the workspace
// ends as it must. Calls are compared by what they did (the calculator's result, the row looked up, the file read or
// written), not by their text: `68.2+55.1` and `55.1 + 68.2` are the same step.

/** What a call did, for comparing calls: null for a call that failed. */
export function callEffect(name: string, args: Record<string, unknown> | null, result: Record<string, unknown>): string | null {
  if (args === null || 'error' in result) return null;
  switch (name) {
    case 'calculator':
      return `calculator ${result.result}`;
    case 'convert_units':
      return `convert_units ${result.value} ${result.unit}`;
    case 'lookup':
      return `lookup ${result.table}/${result.key}`;
    case 'list_files':
    case 'read_file':
      return `${name} ${result.path}`;
    case 'write_file':
      return `write_file ${result.path} ${String(args.content).trim()}`;
    default:
      return null;
  }
}

// The effect of a dataset call, run on the task's starting workspace.
function expectedEffect(task: ToolTask, call: TaskCall): string {
  return (
    callEffect(call.name, call.arguments, executeTool(call.name, call.arguments, new MemoryFileSystem(task.files))) ??
    `${call.name} (fails)`
  );
}

/** Required calls not found in order among the calls made (each matched call consumed). */
export function missingCalls(task: ToolTask, calls: readonly ExecutedCall[]): string[] {
  const made = calls.map((c) => callEffect(c.name, c.arguments, c.result));
  const missing: string[] = [];
  let from = 0;
  for (const call of requiredCalls(task)) {
    const effect = expectedEffect(task, call);
    const at = made.indexOf(effect, from);
    if (at === -1) missing.push(`${call.name}(${JSON.stringify(call.arguments)})`);
    else from = at + 1;
  }
  return missing;
}

/** The tool-use scorer: answer, call sequence and files, with a reason for each failure. */
export function toolUseScorer(): MultiScorer<ToolTask, AgentOutput> {
  return {
    metrics: TOOL_USE_METRICS,
    fingerprint: 'tool_use v1: effects of calls, exact facts',
    score: ({ item, output }) => {
      const reasons: string[] = [];
      if (output.parserFailures > 0)
        reasons.push(
          `the server's tool parser failed on ${output.parserFailures} reply(s): text holds <tool_call> but no tool_calls came back`,
        );
      if (output.text === null) reasons.push(`no final answer within ${output.steps} steps`);
      const missingFacts = output.text === null ? item.answer : item.answer.filter((fact) => !containsFact(output.text!, fact));
      if (output.text !== null && missingFacts.length) reasons.push(`the final answer lacks ${missingFacts.join(', ')}`);
      const missing = missingCalls(item, output.calls);
      if (missing.length) reasons.push(`missing call(s) in order: ${missing.join(', ')}`);
      for (const call of output.calls.filter((c) => 'error' in c.result))
        reasons.push(`step ${call.step}: ${call.name} failed: ${String(call.result.error)}`);
      const wrongFiles = Object.entries(item.finalFiles ?? {})
        .filter(([path, text]) => (output.files[path] ?? '').trim() !== text.trim())
        .map(([path]) => path);
      if (wrongFiles.length) reasons.push(`file(s) not as required: ${wrongFiles.join(', ')}`);
      const answerOk = output.text !== null && missingFacts.length === 0;
      const callsOk = missing.length === 0;
      const success = answerOk && callsOk && wrongFiles.length === 0;
      const detail = {
        failures: reasons,
        calls: output.calls,
        steps: output.steps,
        parserFailures: output.parserFailures,
        files: output.files,
      };
      const sequence = output.calls.map((c) => c.name).join(' > ');
      // The server's parser cut the loop short: counted apart and not scored, as BFCL counts it (verdict parser_failed).
      if (output.parserFailures > 0) {
        return {
          scores: { task_success: null, answer_acc: null, calls_acc: null },
          extracted: { task_success: null, answer_acc: null, calls_acc: sequence },
          verdict: 'parser_failed',
          detail,
        };
      }
      // No final answer within the step limit is unparseable, not a wrong answer.
      return {
        scores: { task_success: success ? 1 : 0, answer_acc: answerOk ? 1 : 0, calls_acc: callsOk ? 1 : 0 },
        extracted: { task_success: output.text, answer_acc: output.text, calls_acc: sequence },
        detail,
      };
    },
  };
}
