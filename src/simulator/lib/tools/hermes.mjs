// vLLM's `hermes` tool parser (Qwen2.5's `<tool_call>{"name": ..., "arguments": {...}}</tool_call>` blocks), for
// plain answers (parse the whole text; any failure leaves it all in `content`) and for streams (re-parse the text
// so far and send what is new: content before the first tag, then names and argument fragments).
import { dumpsPy, fromPlain, loadsPy } from '../pyjson.mjs';

const START = '<tool_call>';
const END = '</tool_call>';
const BLOCK = /<tool_call>(.*?)<\/tool_call>|<tool_call>(.*)/gs;

/**
 * @typedef {{ name: string, arguments: string }} ParsedCall
 * @typedef {{ called: boolean, calls: ParsedCall[], content: string | null }} Extracted
 */

// Parse a finished answer; `called: false` keeps the whole text as content (no tag, or a block that does not parse).
/** @param {string} text @returns {Extracted} */
export function extractHermes(text) {
  if (!text.includes(START)) return { called: false, calls: [], content: text };
  try {
    const calls = [...text.matchAll(BLOCK)].map((m) => toCall(loadsPy(m[1] || m[2] || '')));
    const content = text.slice(0, text.indexOf(START));
    return { called: true, calls, content: content === '' ? null : content };
  } catch {
    return { called: false, calls: [], content: text };
  }
}

// `{"name": str, "arguments": ...}` -> a call with the arguments re-serialised by Python's json.dumps.
/** @param {import('../pyjson.mjs').PyValue} block @returns {ParsedCall} */
function toCall(block) {
  if (!(block instanceof Map)) throw new TypeError('a <tool_call> block is not an object');
  const name = block.get('name');
  if (typeof name !== 'string') throw new TypeError('"name" is missing or not a string');
  if (!block.has('arguments')) throw new TypeError('"arguments" is missing');
  return { name, arguments: dumpsPy(/** @type {import('../pyjson.mjs').PyValue} */ (block.get('arguments'))) };
}

/**
 * One streamed tool-call delta, as vLLM sends it under `delta.tool_calls`.
 * @typedef {{ index: number, id?: string, type?: 'function', function: { name?: string, arguments?: string } }} ToolDelta
 */

/** Streaming state of one choice: what was sent so far. */
export class HermesStream {
  /** @param {() => string} makeId */
  constructor(makeId) {
    this.makeId = makeId;
    this.sentContent = 0;
    /** @type {{ name?: string, args: string }[]} */
    this.tools = [];
  }

  // New content and tool deltas for the text generated so far.
  /** @param {string} text @returns {{ content: string, deltas: ToolDelta[] }} */
  update(text) {
    const content = this.newContent(text);
    /** @type {ToolDelta[]} */
    const deltas = [];
    for (const [i, region] of toolRegions(text).entries()) {
      this.tools[i] ??= { args: '' };
      const tool = /** @type {{ name?: string, args: string }} */ (this.tools[i]);
      if (tool.name === undefined) {
        const name = /"name"\s*:\s*"([^"]+)"/.exec(region.json)?.[1];
        // A later call cannot be sent before this one has its name.
        if (!name) break;
        tool.name = name;
        deltas.push({ index: i, id: this.makeId(), type: 'function', function: { name } });
      }
      const args = argumentsText(region.json, region.complete);
      if (args !== null && args.length > tool.args.length) {
        deltas.push({ index: i, function: { arguments: args.slice(tool.args.length) } });
        tool.args = args;
      }
    }
    return { content, deltas };
  }

  /** True once any `<tool_call>` region was seen (vLLM then ends the stream with finish_reason "tool_calls"). */
  get sawToolCall() {
    return this.tools.length > 0;
  }

  // Text before the first tag that was not sent yet, holding back a suffix that may be the start of a tag.
  /** @param {string} text */
  newContent(text) {
    const at = text.indexOf(START);
    const sendable = at >= 0 ? at : text.length - tagOverlap(text, START);
    if (sendable <= this.sentContent) return '';
    const out = text.slice(this.sentContent, sendable);
    this.sentContent = sendable;
    return out;
  }
}

// The JSON text of each `<tool_call>` region and whether it is complete (closed, or a whole JSON value).
/** @param {string} text */
function toolRegions(text) {
  /** @type {{ json: string, complete: boolean }[]} */
  const out = [];
  let pos = 0;
  for (;;) {
    const start = text.indexOf(START, pos);
    if (start < 0) return out;
    const from = start + START.length;
    const end = text.indexOf(END, from);
    if (end >= 0) {
      out.push({ json: text.slice(from, end).trim(), complete: true });
      pos = end + END.length;
      continue;
    }
    let raw = text.slice(from);
    const overlap = tagOverlap(raw, END);
    if (overlap) raw = raw.slice(0, -overlap);
    const json = raw.trim();
    out.push({ json, complete: json !== '' && isCompleteJson(json) });
    return out;
  }
}

// The `arguments` value's text by bracket matching (strings skipped), partial while it is still being generated.
/** @param {string} json @param {boolean} complete @returns {string | null} */
function argumentsText(json, complete) {
  const m = /"arguments"\s*:\s*/.exec(json);
  if (!m) return null;
  let raw = json.slice(m.index + m[0].length);
  if (raw === '' || !'{['.includes(raw[0] ?? '')) {
    if (complete) {
      raw = raw.trimEnd();
      if (raw.endsWith('}')) raw = raw.slice(0, -1).trimEnd();
    }
    return raw;
  }
  const open = raw[0];
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return raw.slice(0, i + 1);
  }
  return raw;
}

// Length of the longest suffix of `text` that is a proper prefix of `tag`.
/** @param {string} text @param {string} tag */
function tagOverlap(text, tag) {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (text.endsWith(tag.slice(0, n))) return n;
  return 0;
}

/** @param {string} text */
function isCompleteJson(text) {
  try {
    loadsPy(text);
    return true;
  } catch {
    return false;
  }
}

// Render tool calls the way Qwen2.5 writes them: one `<tool_call>` block per call, separated by newlines. Arguments
// given as text are kept verbatim (a script can write `5.0`, or JSON that does not parse); data prints as json.dumps.
/** @param {{ name: string, arguments?: unknown }[]} calls */
export function renderHermes(calls) {
  return calls
    .map((call) => {
      const args = typeof call.arguments === 'string' ? call.arguments : dumpsPy(fromPlain(call.arguments ?? {}));
      return `${START}\n{"name": ${JSON.stringify(call.name)}, "arguments": ${args}}\n${END}`;
    })
    .join('\n');
}
