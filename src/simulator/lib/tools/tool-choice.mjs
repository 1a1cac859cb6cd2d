// `tools` and `tool_choice` of a chat request: vLLM's request checks, which parser reads the answer, and the
// constrained answer of `tool_choice: "required"` and named functions (both decoded under a JSON schema in vLLM).
import { badRequest, validationError } from '../http/errors.mjs';
import { dumpsPy, fromPlain, loadsPy, toPlain } from '../pyjson.mjs';
import { buildStandIn, matchesSchema } from '../structured/json-schema.mjs';
import { extractHermes } from './hermes.mjs';

/**
 * @typedef {{ type?: string, function: { name: string, description?: string, parameters?: Record<string, any> } }} Tool
 * @typedef {{ tools: Tool[] | null, mode: 'none' | 'auto' | 'required' | 'named', name: string | null, hermes: boolean,
 *   parallel: boolean }} ToolPlan
 * @typedef {{ name: string, arguments: string }} Call
 */

// Check the request's tool fields the way vLLM does (request validators, then the server's flag checks).
/** @param {import('../config.mjs').ServeConfig} config @param {Record<string, any>} body @returns {ToolPlan} */
export function readToolPlan(config, body) {
  const tools = Array.isArray(body.tools) ? /** @type {Tool[]} */ (body.tools) : null;
  if (tools && tools.length === 0) throw validationError('Value error, `tools` cannot be an empty list.');
  const given = body.tool_choice;
  const choice = given ?? (tools ? 'auto' : 'none');
  const parallel = body.parallel_tool_calls !== false;
  if (choice === 'none') return { tools, mode: 'none', name: null, hermes: false, parallel };
  if (!tools) throw validationError('Value error, When using `tool_choice`, `tools` must be set.');
  if (typeof choice === 'string' && choice !== 'auto' && choice !== 'required') {
    throw validationError(
      `Value error, Invalid value for \`tool_choice\`: ${choice}! Only named tools, "none", "auto" or "required" are supported.`,
    );
  }
  /** @type {string | null} */
  let name = null;
  if (typeof choice === 'object' && choice !== null) {
    name = choice.function?.name;
    if (typeof name !== 'string' || name === '') {
      throw validationError(
        'Value error, Invalid `name` in `function` in `tool_choice`! Correct usage: `{"type": "function", "function": {"name": "my_function"}}`',
      );
    }
    if (!tools.some((t) => t.function?.name === name)) {
      throw validationError('Value error, The tool specified in `tool_choice` does not match any of the specified `tools`');
    }
  }
  if (choice === 'auto' && !(config.enableAutoToolChoice && config.toolCallParser)) {
    throw badRequest('"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set');
  }
  if (choice !== 'auto' && !config.toolCallParser) throw badRequest('tool_choice="required" requires --tool-call-parser to be set');
  const mode = choice === 'auto' ? 'auto' : choice === 'required' ? 'required' : 'named';
  // Only the hermes parser is simulated; with another one, `auto` answers pass through as text.
  return { tools, mode, name, hermes: mode === 'auto' && config.toolCallParser === 'hermes', parallel };
}

// What the schema-constrained decoder writes for `required` (a JSON list of {name, parameters}) or a named function
// (its arguments object): the scripted calls where they conform, else deterministic stand-ins.
/** @param {ToolPlan} plan @param {string} answer @returns {string} */
export function constrainToolAnswer(plan, answer) {
  if (plan.mode !== 'required' && plan.mode !== 'named') return answer;
  const tools = /** @type {Tool[]} */ (plan.tools);
  const schemaOf = (/** @type {string} */ name) => tools.find((t) => t.function.name === name)?.function.parameters ?? {};
  const scripted = scriptedCalls(answer);
  if (plan.mode === 'named') {
    const name = /** @type {string} */ (plan.name);
    const own = scripted.find((call) => call.name === name && conforms(call.arguments, schemaOf(name)));
    return own ? own.arguments : standInArguments(schemaOf(name));
  }
  const offered = scripted.filter((call) => tools.some((t) => t.function.name === call.name));
  const calls = offered.length > 0 ? offered : [{ name: tools[0]?.function.name ?? '', arguments: '{}' }];
  const list = calls.map((call) => {
    const schema = schemaOf(call.name);
    const args = conforms(call.arguments, schema) ? call.arguments : standInArguments(schema);
    return `{"name": ${JSON.stringify(call.name)}, "parameters": ${args}}`;
  });
  return `[${list.join(', ')}]`;
}

// The tool calls of a finished `required` answer (vLLM validates the list; a cut-off list yields none).
/** @param {string} text @returns {Call[] | null} */
export function parseRequiredCalls(text) {
  try {
    const list = loadsPy(text);
    if (!Array.isArray(list)) return null;
    return list.map((item) => {
      if (!(item instanceof Map) || typeof item.get('name') !== 'string' || !item.has('parameters')) throw new TypeError('not a call');
      return { name: /** @type {string} */ (item.get('name')), arguments: dumpsPy(/** @type {any} */ (item.get('parameters'))) };
    });
  } catch {
    return null;
  }
}

// Calls a scripted answer holds: hermes blocks, or a `required`-style JSON list.
/** @param {string} answer @returns {Call[]} */
function scriptedCalls(answer) {
  const hermes = extractHermes(answer);
  if (hermes.called) return hermes.calls;
  return parseRequiredCalls(answer.trim()) ?? [];
}

/** @param {string} args @param {Record<string, any>} schema */
function conforms(args, schema) {
  try {
    return matchesSchema(toPlain(loadsPy(args)), schema);
  } catch {
    return false;
  }
}

/** @param {Record<string, any>} schema */
function standInArguments(schema) {
  return dumpsPy(fromPlain(buildStandIn(schema)));
}
