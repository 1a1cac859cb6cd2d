import { pickCorrect, type SimRule } from '../../shared/simulation-rules.ts';
import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import { buildToolTaskMessages } from './agent-loop.ts';
import { toolTasksSource } from './data.ts';
import type { TaskCall, ToolTask } from './reader.ts';
import { MemoryFileSystem } from './tools/file-system.ts';
import { executeTool } from './tools/index.ts';

// Script the simulated vLLM through the agent loop: each step of a task is a rule that matches the task's request
// and the last tool result so far (the transcript ends with it), and answers with the next call, or the final answer
// once the calls are done. Gold makes the dataset's calls and states its facts; wrong makes one call with wrong
// arguments, gets an error or a wrong value back, and gives up, so the loop runs both ways.

/** A call of the same tool that does not do what the task needs. */
export function wrongCall(call: TaskCall): TaskCall {
  switch (call.name) {
    case 'calculator':
      return { name: 'calculator', arguments: { expression: '1 + 1' } };
    case 'convert_units':
      return { name: 'convert_units', arguments: { value: 1, from_unit: 'parsec', to_unit: 'km' } };
    case 'lookup':
      return { name: 'lookup', arguments: { table: String(call.arguments.table), key: 'Atlantis' } };
    case 'write_file':
      return { name: 'write_file', arguments: { path: '/tmp/scratch.txt', content: 'draft' } };
    default:
      return { name: call.name, arguments: { path: '/missing' } };
  }
}

/** The steps of a simulated solution: the calls made, then the final text. */
export function simulatedSteps(task: ToolTask, correct: boolean): { calls: TaskCall[]; answer: string } {
  if (correct) return { calls: task.calls, answer: `The answer is ${task.answer.join(', ')}.` };
  return { calls: [wrongCall(task.calls[0]!)], answer: 'I could not complete this task with the tools I have.' };
}

/** The script rules of one task: one per step, each keyed on the transcript's last text. */
export function scriptToolTask(task: ToolTask, correct: boolean): SimRule[] {
  const prompt = buildToolTaskMessages(task).at(-1)!.content as string;
  const { calls, answer } = simulatedSteps(task, correct);
  const fs = new MemoryFileSystem(task.files);
  const rules: SimRule[] = [];
  let last = prompt;
  for (const call of calls) {
    rules.push({ match: { anyMessage: prompt, endsWith: last, tools: true, endpoint: 'chat' }, response: '', toolCalls: [call] });
    last = JSON.stringify(executeTool(call.name, call.arguments, fs));
  }
  rules.push({ match: { anyMessage: prompt, endsWith: last, tools: true, endpoint: 'chat' }, response: answer });
  return rules;
}

// Rules and expected scores for the first `limit` tasks.
export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  const { items } = await toolTasksSource.load(options.source);
  const tasks = options.limit === null ? items : items.slice(0, options.limit);
  const correct = pickCorrect(options.mode, tasks.length);
  const share = tasks.length ? correct.filter(Boolean).length / tasks.length : 0;
  return {
    rules: tasks.flatMap((task, i) => scriptToolTask(task, correct[i]!)),
    expected: { 'tool_use/chat': { task_success: share, answer_acc: share, calls_acc: share } },
  };
}
