import { describe, expect, test } from 'vitest';
import { MAX_STEPS, type ExecutedCall } from '../../../src/evals/tool-use/agent-loop.ts';
import { toolTasksSource } from '../../../src/evals/tool-use/data.ts';
import type { ToolTask } from '../../../src/evals/tool-use/reader.ts';
import { scriptToolTask, simulate } from '../../../src/evals/tool-use/simulate.ts';
import { toolUseEvals } from '../../../src/evals/tool-use/suite.ts';
import { MemoryFileSystem } from '../../../src/evals/tool-use/tools/file-system.ts';
import { executeTool, TOOL_DEFINITIONS } from '../../../src/evals/tool-use/tools/index.ts';
import type { EvalDefinition } from '../../../src/runtime/define-eval.ts';
import { createFakeClient, runCase } from '../../helpers/fake-client.ts';
import { scriptClient } from './script-client.ts';

const { items: tasks } = await toolTasksSource.load({ datasetBaseUrl: null });
const definition = toolUseEvals(tasks)[0] as EvalDefinition<ToolTask, unknown>;
const task = (id: string) => tasks.find((t) => t.id === id)!;
const call = (name: string, args: unknown, id = 'c1') => ({
  id,
  type: 'function' as const,
  function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) },
});

describe('tool-use tasks', () => {
  test('ships at least 50 tasks whose own calls all succeed on their starting workspace', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(50);
    expect(new Set(tasks.map((t) => t.prompt)).size).toBe(tasks.length);
    for (const t of tasks) {
      const fs = new MemoryFileSystem(t.files);
      for (const c of t.calls) expect(executeTool(c.name, c.arguments, fs), `${t.id} ${c.name}`).not.toHaveProperty('error');
      expect(t.calls.length + 1, t.id).toBeLessThanOrEqual(MAX_STEPS);
    }
  });

  test('every task is solved by its own calls and facts, through the loop, with each call recorded raw, parsed and with its result', async () => {
    const records = await Promise.all(tasks.map((t) => runCase(definition, t, scriptClient(scriptToolTask(t, true)), { caseId: t.id })));
    const failed = records.filter((r) => r.verdict !== 'correct').map((r) => `${r.caseId}: ${(r.detail!.failures as string[]).join('; ')}`);
    expect(failed).toEqual([]);
    const calls = records[0]!.detail!.calls as ExecutedCall[];
    expect(calls[0]).toMatchObject({
      step: 1,
      name: 'lookup',
      rawArguments: '{"table":"countries","key":"France"}',
      arguments: { table: 'countries', key: 'France' },
    });
    expect(calls[0]!.result).toMatchObject({ capital: 'Paris' });
  });

  test('a wrong call and a give-up answer score 0 on every metric, with the reasons', async () => {
    const records = await Promise.all(tasks.map((t) => runCase(definition, t, scriptClient(scriptToolTask(t, false)), { caseId: t.id })));
    for (const r of records) expect(r.scores, r.caseId).toEqual({ task_success: 0, answer_acc: 0, calls_acc: 0 });
    expect(records[0]!.detail!.failures).toEqual([
      'the final answer lacks 123.3',
      'missing call(s) in order: lookup({"table":"countries","key":"France"}), lookup({"table":"countries","key":"Kenya"}), calculator({"expression":"68.2 + 55.1"})',
      'step 1: lookup failed: no row "Atlantis" in countries',
    ]);
  });

  test('offers the tools on every request and feeds each result back under its call id', async () => {
    const client = scriptClient(scriptToolTask(tasks[0]!, true));
    await runCase(definition, tasks[0]!, client);
    expect(client.chats).toHaveLength(tasks[0]!.calls.length + 1);
    for (const chat of client.chats) expect(chat.options?.tools).toEqual(TOOL_DEFINITIONS);
    const last = client.chats.at(-1)!.messages;
    expect(last[2]).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'call-0' }] });
    expect(last[3]).toMatchObject({ role: 'tool', tool_call_id: 'call-0' });
    expect(JSON.parse(last[3]!.content as string)).toMatchObject({ key: 'France', population_millions: 68.2 });
  });

  test('compares calls by what they did, so a reordered expression still counts', async () => {
    const t = task('tool-001');
    const steps = [
      call('lookup', { table: 'countries', key: 'france' }),
      call('lookup', { table: 'countries', key: 'Kenya' }, 'c2'),
      call('calculator', { expression: '55.1+68.2' }, 'c3'),
    ];
    let i = 0;
    const client = createFakeClient({
      answer: () => (i < steps.length ? { text: '', toolCalls: [steps[i++]!] } : 'Together they have 123.30 million people.'),
    });
    const record = await runCase(definition, t, client);
    expect(record.scores).toEqual({ task_success: 1, answer_acc: 1, calls_acc: 1 });
  });

  test('stops at the step limit and counts the task as unanswered', async () => {
    const client = createFakeClient({ answer: () => ({ text: '', toolCalls: [call('calculator', { expression: '1+1' })] }) });
    const record = await runCase(definition, tasks[0]!, client);
    expect(client.chats).toHaveLength(MAX_STEPS);
    expect(record.verdict).toBe('unparseable');
    expect(record.detail!.failures).toContain(`no final answer within ${MAX_STEPS} steps`);
  });

  test("tells a server's parser failure apart from a model's wrong answer", async () => {
    const client = createFakeClient({
      answer: () => '<tool_call>\n{"name": "lookup", "arguments": {"table": "countries", "key": "France"}\n</tool_call>',
    });
    const record = await runCase(definition, tasks[0]!, client);
    expect([record.verdict, record.scores]).toEqual(['parser_failed', { task_success: null, answer_acc: null, calls_acc: null }]);
    expect(record.detail!.parserFailures).toBe(1);
    expect((record.detail!.failures as string[])[0]).toMatch(/tool parser failed/);
  });

  test('feeds an error back for arguments that are not JSON, and records them as sent', async () => {
    const replies = [{ text: '', toolCalls: [call('calculator', '{"expression": 2+')] }, { text: 'No idea.' }];
    const client = createFakeClient({ answer: () => replies.shift() ?? 'No idea.' });
    const record = await runCase(definition, tasks[0]!, client);
    const [made] = record.detail!.calls as ExecutedCall[];
    expect(made).toMatchObject({
      rawArguments: '{"expression": 2+',
      arguments: null,
      result: { error: 'the arguments are not a JSON object' },
    });
  });

  test('checks the files a task must leave behind', async () => {
    const t = tasks.find((x) => x.finalFiles)!;
    const steps = t.calls.slice(0, -1).map((c, i) => call(c.name, c.arguments, `c${i}`));
    let i = 0;
    const client = createFakeClient({
      answer: () => (i < steps.length ? { text: '', toolCalls: [steps[i++]!] } : `It is ${t.answer[0]}.`),
    });
    const record = await runCase(definition, t, client);
    expect(record.scores.task_success).toBe(0);
    expect(record.detail!.failures).toContain(`file(s) not as required: ${Object.keys(t.finalFiles!)[0]}`);
  });

  test('the simulation script expects exactly the share of tasks it solves', async () => {
    const script = await simulate({ mode: 'mix:0.5', source: { datasetBaseUrl: null }, limit: 10, variants: ['chat'], code: {} as never });
    expect(script.expected['tool_use/chat']).toEqual({ task_success: 0.5, answer_acc: 0.5, calls_acc: 0.5 });
    expect(script.rules.every((r) => r.match.tools === true)).toBe(true);
  });
});

describe('the tools', () => {
  test('the calculator follows operator precedence and reports what it cannot read', () => {
    expect(executeTool('calculator', { expression: '2 + 3 * 4 ^ 2 / (1 + 1)' }, new MemoryFileSystem())).toMatchObject({ result: 26 });
    expect(executeTool('calculator', { expression: '0.1 + 0.2' }, new MemoryFileSystem())).toMatchObject({ result: 0.3 });
    expect(executeTool('calculator', { expression: 'process.exit()' }, new MemoryFileSystem())).toHaveProperty('error');
    expect(executeTool('calculator', { expression: '1/0' }, new MemoryFileSystem())).toHaveProperty('error');
  });

  test('the unit converter converts within a dimension and refuses across', () => {
    expect(executeTool('convert_units', { value: 42.195, from_unit: 'km', to_unit: 'mi' }, new MemoryFileSystem())).toMatchObject({
      value: 26.2188,
      unit: 'mi',
    });
    expect(executeTool('convert_units', { value: 180, from_unit: '°C', to_unit: 'fahrenheit' }, new MemoryFileSystem())).toMatchObject({
      value: 356,
      unit: 'F',
    });
    expect(executeTool('convert_units', { value: 1, from_unit: 'kg', to_unit: 'km' }, new MemoryFileSystem())).toEqual({
      from: '1 kg',
      error: 'cannot convert mass (kg) to length (km)',
    });
  });

  test('lookups ignore the case of the key; an unknown tool is an error the model sees', () => {
    expect(executeTool('lookup', { table: 'products', key: 'p-101' }, new MemoryFileSystem())).toMatchObject({ key: 'P-101', price: 24.5 });
    expect(executeTool('delete_everything', {}, new MemoryFileSystem())).toHaveProperty('error');
  });

  test('the file system lists, reads and writes within the case only', () => {
    const fs = new MemoryFileSystem({ '/a/b.txt': 'x', '/a/c/d.txt': 'y' });
    expect(fs.list('/a')).toEqual({ path: '/a/', entries: ['b.txt', 'c/'] });
    expect(fs.write('a/new.txt', 'z')).toEqual({ path: '/a/new.txt', written: 1 });
    expect(fs.read('/a/new.txt')).toEqual({ path: '/a/new.txt', content: 'z' });
    expect(new MemoryFileSystem({ '/a/b.txt': 'x' }).read('/a/new.txt')).toHaveProperty('error');
  });
});
