import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { killAll, postJson, sseData, startServer, type SimProcess } from './support/sim-process.ts';

// Tool calling and structured outputs of the simulated vLLM, over HTTP: hermes parsing of scripted `<tool_call>`
// text (plain and streamed), tool_choice modes, the 400s without the flags, and constrained JSON answers.

const WEATHER = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather of a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
      required: ['city', 'days'],
    },
  },
};
const TIME = {
  type: 'function',
  function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] } },
};
const PERSON = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 18 } },
  required: ['name', 'age'],
  additionalProperties: false,
};

const SCRIPT = [
  {
    match: { contains: 'weather in Paris', tools: 'get_weather' },
    toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', days: 2 } }],
  },
  { match: { contains: 'weather in Paris', tools: false }, response: 'No tools were offered.' },
  {
    match: { contains: 'two cities' },
    response: 'Checking both.',
    toolCalls: [
      { name: 'get_weather', arguments: '{"city": "Paris", "days": 2, "temp": 5.0}' },
      { name: 'get_time', arguments: { zone: 'CET' } },
    ],
  },
  {
    match: { contains: 'broken call' },
    response: `Let me call.\n<tool_call>\n{"name": "get_weather", "arguments": {'city': 'Paris'}}\n</tool_call>`,
  },
  { match: { contains: 'bad arguments' }, toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', days: 0 } }] },
  { match: { contains: 'just chat' }, response: 'Hello there.' },
  { match: { contains: 'a person' }, response: '{"name": "Ada", "age": 36}' },
  { match: { contains: 'a minor' }, response: '{"name": "Tim", "age": 9}' },
  { match: { endpoint: 'completions', equals: 'Person:' }, response: 'nobody' },
];

const MODEL = 'Qwen/Qwen2.5-7B-Instruct';
/** Short engine steps: these tests check shapes, not timing. */
const FAST = { VLLM_SIM_STEP_MS: '0.2', VLLM_SIM_STEP_PER_SEQ_MS: '0' };
let tools: SimProcess;
let plain: SimProcess;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vllm-sim-tools-'));
  const script = join(dir, 'script.json');
  writeFileSync(script, JSON.stringify(SCRIPT));
  [tools, plain] = await Promise.all([
    startServer(['--enable-auto-tool-choice', '--tool-call-parser', 'hermes'], { VLLM_SIM_SCRIPT: script, ...FAST }),
    startServer([], { VLLM_SIM_SCRIPT: script, ...FAST }),
  ]);
});
afterAll(killAll);

type Body = Record<string, unknown>;

async function chat(sim: SimProcess, body: Body): Promise<{ status: number; json: any }> {
  const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { model: MODEL, ...body });
  return { status: res.status, json: await res.json() };
}

const ask = (content: string, extra: Body = {}): Body => ({ messages: [{ role: 'user', content }], ...extra });

// A streamed answer put back together: content, calls by index, ids, finish reason.
async function streamed(sim: SimProcess, body: Body) {
  const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { model: MODEL, ...body, stream: true });
  const chunks = sseData(await res.text())
    .filter((e) => e !== '[DONE]')
    .map((e) => JSON.parse(e));
  let content = '';
  const calls: { id: string; name: string; arguments: string }[] = [];
  let finish: string | null = null;
  for (const chunk of chunks) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    content += choice.delta.content ?? '';
    for (const delta of choice.delta.tool_calls ?? []) {
      calls[delta.index] ??= { id: '', name: '', arguments: '' };
      const call = calls[delta.index]!;
      if (delta.id) call.id = delta.id;
      if (delta.function?.name) call.name = delta.function.name;
      call.arguments += delta.function?.arguments ?? '';
    }
    finish = choice.finish_reason ?? finish;
  }
  return { content, calls, finish };
}

describe('auto tool choice with --tool-call-parser hermes', () => {
  test('a scripted call becomes tool_calls with an id, json.dumps arguments and finish_reason "tool_calls"', async () => {
    const { status, json } = await chat(tools, ask('What is the weather in Paris?', { tools: [WEATHER] }));
    expect(status).toBe(200);
    const choice = json.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^chatcmpl-tool-[0-9a-f]{32}$/),
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city": "Paris", "days": 2}' },
      },
    ]);
  });

  test('text before the first tag is the content; several calls keep their order and 5.0 stays a float', async () => {
    const { json } = await chat(tools, ask('two cities please', { tools: [WEATHER, TIME] }));
    expect(json.choices[0].message.content).toBe('Checking both.\n');
    expect(json.choices[0].message.tool_calls.map((c: any) => c.function)).toEqual([
      { name: 'get_weather', arguments: '{"city": "Paris", "days": 2, "temp": 5.0}' },
      { name: 'get_time', arguments: '{"zone": "CET"}' },
    ]);
  });

  test("text holding a <tool_call> that does not parse stays whole in content, with no tool_calls (vLLM's parser failure)", async () => {
    const { json } = await chat(tools, ask('broken call', { tools: [WEATHER] }));
    expect(json.choices[0].finish_reason).toBe('stop');
    expect(json.choices[0].message.tool_calls).toEqual([]);
    expect(json.choices[0].message.content).toBe(SCRIPT[3]!.response);
  });

  test('a streamed answer sends the content, then each call as an id and name followed by argument fragments', async () => {
    const got = await streamed(tools, ask('two cities please', { tools: [WEATHER, TIME] }));
    expect(got.finish).toBe('tool_calls');
    expect(got.content).toBe('Checking both.\n');
    expect(got.calls).toEqual([
      { id: expect.stringMatching(/^chatcmpl-tool-/), name: 'get_weather', arguments: '{"city": "Paris", "days": 2, "temp": 5.0}' },
      { id: expect.stringMatching(/^chatcmpl-tool-/), name: 'get_time', arguments: '{"zone": "CET"}' },
    ]);
    expect(got.calls[0]!.id).not.toBe(got.calls[1]!.id);
  });

  test('a streamed parser failure loses the text after the tag and still ends with "tool_calls" (as vLLM streams it)', async () => {
    const got = await streamed(tools, ask('broken call', { tools: [WEATHER] }));
    expect(got.content).toBe('Let me call.\n');
    expect(got.calls).toEqual([{ id: expect.any(String), name: 'get_weather', arguments: "{'city': 'Paris'}" }]);
    expect(got.finish).toBe('tool_calls');
  });

  test('a rule can require tools to be offered (or absent)', async () => {
    const { json } = await chat(tools, ask('What is the weather in Paris?'));
    expect(json.choices[0].message.content).toBe('No tools were offered.');
  });

  test('parallel_tool_calls: false keeps only the first call', async () => {
    const { json } = await chat(tools, ask('two cities please', { tools: [WEATHER, TIME], parallel_tool_calls: false }));
    expect(json.choices[0].message.tool_calls.map((c: any) => c.function.name)).toEqual(['get_weather']);
  });

  test('tool_choice "none" answers with the text unparsed, tools still counted in the prompt', async () => {
    const none = await chat(tools, ask('two cities please', { tools: [WEATHER], tool_choice: 'none' }));
    const without = await chat(tools, ask('two cities please'));
    expect(none.json.choices[0].message.tool_calls).toEqual([]);
    expect(none.json.choices[0].message.content).toContain('<tool_call>');
    expect(none.json.usage.prompt_tokens).toBeGreaterThan(without.json.usage.prompt_tokens + 40);
  });

  test("prompt tokens follow Qwen2.5's template with the tools block (/tokenize agrees)", async () => {
    const body = ask('What is the weather in Paris?', { tools: [WEATHER] });
    const { json } = await chat(tools, body);
    const tokenized = (await (await postJson(`${tools.baseUrl}/tokenize`, body)).json()) as { count: number };
    expect(json.usage.prompt_tokens).toBe(tokenized.count);
    const strs = (await (await postJson(`${tools.baseUrl}/tokenize`, { ...body, return_token_strs: true })).json()) as {
      token_strs: string[];
    };
    expect(strs.token_strs.join('')).toContain(
      'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.\n\n# Tools\n\nYou may call one or more functions',
    );
    expect(strs.token_strs.join('')).toContain('<tools>\n{"type": "function", "function": {"name": "get_weather"');
  });
});

describe('required and named tool choice (schema-constrained in vLLM)', () => {
  test('"required" returns the scripted calls when they conform, content empty, finish_reason "tool_calls"', async () => {
    const { json } = await chat(tools, ask('What is the weather in Paris?', { tools: [WEATHER], tool_choice: 'required' }));
    expect(json.choices[0]).toMatchObject({ finish_reason: 'tool_calls', message: { content: '' } });
    expect(json.choices[0].message.tool_calls[0].function).toEqual({ name: 'get_weather', arguments: '{"city": "Paris", "days": 2}' });
  });

  test('"required" with a plain-text answer calls the first tool with stand-in arguments that fit its schema', async () => {
    const { json } = await chat(tools, ask('just chat', { tools: [WEATHER, TIME], tool_choice: 'required' }));
    expect(json.choices[0].message.tool_calls.map((c: any) => c.function)).toEqual([
      { name: 'get_weather', arguments: '{"city": "", "days": 1}' },
    ]);
  });

  test('a named function gets the scripted arguments of its own call, finish_reason "stop"', async () => {
    const named = { type: 'function', function: { name: 'get_time' } };
    const { json } = await chat(tools, ask('two cities please', { tools: [WEATHER, TIME], tool_choice: named }));
    expect(json.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: '' } });
    expect(json.choices[0].message.tool_calls[0].function).toEqual({ name: 'get_time', arguments: '{"zone": "CET"}' });
  });

  test('scripted arguments that break the schema are replaced by the stand-in', async () => {
    const named = { type: 'function', function: { name: 'get_weather' } };
    const { json } = await chat(tools, ask('bad arguments', { tools: [WEATHER], tool_choice: named }));
    expect(json.choices[0].message.tool_calls[0].function.arguments).toBe('{"city": "", "days": 1}');
  });

  test('a streamed named call arrives as one call with its arguments', async () => {
    const named = { type: 'function', function: { name: 'get_time' } };
    const got = await streamed(tools, ask('two cities please', { tools: [WEATHER, TIME], tool_choice: named }));
    expect(got.calls).toEqual([{ id: expect.any(String), name: 'get_time', arguments: '{"zone": "CET"}' }]);
  });
});

describe("vLLM's 400s for tool requests", () => {
  test.each([
    ['auto', { tool_choice: 'auto' }, '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set'],
    ['the default auto', {}, '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set'],
    ['required', { tool_choice: 'required' }, 'tool_choice="required" requires --tool-call-parser to be set'],
  ])('without the flags, %s tool choice is a 400 naming them', async (_, extra, message) => {
    const { status, json } = await chat(plain, ask('What is the weather in Paris?', { tools: [WEATHER], ...extra }));
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ message, type: 'BadRequestError', code: 400 });
  });

  test('without the flags, tool_choice "none" still answers', async () => {
    const { status, json } = await chat(plain, ask('just chat', { tools: [WEATHER], tool_choice: 'none' }));
    expect([status, json.choices[0].message.content]).toEqual([200, 'Hello there.']);
  });

  test.each([
    ['tool_choice without tools', { tool_choice: 'required' }, 'When using `tool_choice`, `tools` must be set.'],
    [
      'a named function not offered',
      { tools: [WEATHER], tool_choice: { type: 'function', function: { name: 'nope' } } },
      'does not match any of the specified `tools`',
    ],
    ['an empty tools list', { tools: [] }, '`tools` cannot be an empty list.'],
  ])('%s is a 400', async (_, extra, message) => {
    const { status, json } = await chat(tools, ask('just chat', extra));
    expect(status).toBe(400);
    expect(json.error.message).toContain(message);
  });
});

describe('structured outputs', () => {
  const jsonSchema = { type: 'json_schema', json_schema: { name: 'person', schema: PERSON, strict: true } };

  test('an answer that conforms to response_format json_schema passes unchanged', async () => {
    const { json } = await chat(plain, ask('a person please', { response_format: jsonSchema }));
    expect(json.choices[0].message.content).toBe('{"name": "Ada", "age": 36}');
  });

  test('an answer that breaks the schema is replaced by the deterministic stand-in, so with and without differ', async () => {
    const constrained = await chat(plain, ask('a minor please', { response_format: jsonSchema }));
    const free = await chat(plain, ask('a minor please'));
    expect(constrained.json.choices[0].message.content).toBe('{"name": "", "age": 18}');
    expect(free.json.choices[0].message.content).toBe('{"name": "Tim", "age": 9}');
  });

  test('json_object replaces text that is not a JSON object with {}', async () => {
    const { json } = await chat(plain, ask('just chat', { response_format: { type: 'json_object' } }));
    expect(json.choices[0].message.content).toBe('{}');
  });

  test('structured_outputs json and choice constrain the answer too', async () => {
    const schema = await chat(plain, ask('a minor please', { structured_outputs: { json: PERSON } }));
    const choice = await chat(plain, ask('just chat', { structured_outputs: { choice: ['yes', 'no'] } }));
    expect([schema.json.choices[0].message.content, choice.json.choices[0].message.content]).toEqual(['{"name": "", "age": 18}', 'yes']);
  });

  test('the removed guided_json field is ignored, as v0.21 ignores unknown fields', async () => {
    const { json } = await chat(plain, ask('a minor please', { guided_json: PERSON }));
    expect(json.choices[0].message.content).toBe('{"name": "Tim", "age": 9}');
  });

  test('completions take response_format as well', async () => {
    const res = await postJson(`${plain.baseUrl}/v1/completions`, {
      model: MODEL,
      prompt: 'Person:',
      max_tokens: 50,
      response_format: jsonSchema,
    });
    expect(((await res.json()) as any).choices[0].text).toBe('{"name": "", "age": 18}');
  });

  test.each([
    ['json_schema without its schema', { response_format: { type: 'json_schema' } }, "the 'json_schema' field must be provided"],
    ['two constraints', { structured_outputs: { json: PERSON, choice: ['a'] } }, 'You can only use one kind of constraints'],
  ])('%s is a 400', async (_, extra, message) => {
    const { status, json } = await chat(plain, ask('just chat', extra));
    expect(status).toBe(400);
    expect(json.error.message).toContain(message);
  });
});

describe('a thinking model with both the reasoning parser and the tool parser', () => {
  let thinking: SimProcess;
  beforeAll(async () => {
    const script = join(mkdtempSync(join(tmpdir(), 'vllm-sim-think-tools-')), 'script.json');
    writeFileSync(script, JSON.stringify(SCRIPT));
    thinking = await startServer(
      ['--reasoning-parser', 'qwen3', '--enable-auto-tool-choice', '--tool-call-parser', 'hermes'],
      { VLLM_SIM_SCRIPT: script, ...FAST },
      'Qwen/Qwen3-8B',
    );
  });

  test('splits the reasoning off first and parses the tool call from the content', async () => {
    const { json } = await chat(thinking, ask('What is the weather in Paris?', { tools: [WEATHER], model: 'Qwen/Qwen3-8B' }));
    const choice = json.choices[0];
    expect(choice.message.reasoning).toMatch(/^\nOkay, let me think about this\./);
    // The blank line after `</think>` is text before the tag, which the hermes parser keeps as content.
    expect(choice.message.content).toBe('\n\n');
    expect(choice.message.tool_calls.map((c: any) => c.function)).toEqual([
      { name: 'get_weather', arguments: '{"city": "Paris", "days": 2}' },
    ]);
    expect(choice.finish_reason).toBe('tool_calls');
  });

  test('streams reasoning deltas, then the call, with no tag in the content', async () => {
    const res = await postJson(`${thinking.baseUrl}/v1/chat/completions`, {
      model: 'Qwen/Qwen3-8B',
      ...ask('What is the weather in Paris?', { tools: [WEATHER] }),
      stream: true,
    });
    const deltas = sseData(await res.text())
      .filter((e) => e !== '[DONE]')
      .flatMap((e) => JSON.parse(e).choices.map((c: any) => ({ ...c.delta, finish: c.finish_reason })));
    const reasoning = deltas.map((d) => d.reasoning ?? '').join('');
    const content = deltas.map((d) => d.content ?? '').join('');
    const names = deltas.flatMap((d) => (d.tool_calls ?? []).map((t: any) => t.function?.name).filter(Boolean));
    expect(reasoning).toContain('Okay, let me think about this.');
    expect(content).not.toMatch(/<think>|<\/think>|<tool_call>/);
    expect(names).toEqual(['get_weather']);
    expect(deltas.at(-1)?.finish).toBe('tool_calls');
  });
});
