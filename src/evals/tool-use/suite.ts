import { evalDefinition, type AnyEvalDefinition } from '../../runtime/define-eval.ts';
import type { DataSource } from '../../runtime/data.ts';
import { buildToolTaskMessages, runToolTask, type AgentOutput } from './agent-loop.ts';
import { toolTasksSource } from './data.ts';
import type { ToolTask } from './reader.ts';
import { toolUseScorer } from './score.ts';
import { AGENT_KIND } from '../agent-kind.ts';

/**
 * Tool use: multi-step tasks with a calculator, a unit converter, lookup tables and a small file system that the
 * harness runs; the final answer, the calls and the files are checked.
 * @param data the tasks @default the shipped tasks.jsonl
 */
export function toolUseEvals(data: DataSource<ToolTask> = toolTasksSource): AnyEvalDefinition[] {
  return [
    evalDefinition<ToolTask, AgentOutput>({
      name: 'tool_use',
      variant: 'chat',
      label: 'Tool use (multi-step, harness-run tools)',
      kind: AGENT_KIND,
      toolCalling: true,
      data,
      prompt: buildToolTaskMessages,
      task: runToolTask,
      response: (output) => output.text ?? '',
      expected: (item) => item.answer.join(', '),
      scorers: [toolUseScorer()],
    }),
  ];
}
