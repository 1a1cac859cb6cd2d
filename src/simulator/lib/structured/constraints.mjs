// Structured outputs (vLLM's guided decoding): `response_format` (json_schema, json_object) and `structured_outputs`
// (json, json_object, choice, regex). The scripted answer stands for what the model "wanted" to write; a real
// constrained decoder can only write conforming text, so an answer that does not conform is replaced by a
// deterministic conforming stand-in. Removed v0.21 fields (`guided_json`, ...) are ignored like any unknown field.
import { badRequest } from '../http/errors.mjs';
import { dumpsPy, fromPlain, loadsPy, toPlain } from '../pyjson.mjs';
import { buildStandIn, matchesSchema } from './json-schema.mjs';

/**
 * @typedef {{ kind: 'json', schema: Record<string, any> | boolean } | { kind: 'json_object' } | { kind: 'choice', choices: string[] }
 *   | { kind: 'regex', pattern: string } | { kind: 'unconstrained' }} Constraint
 */

const ONE_KIND = "You can only use one kind of constraints for structured outputs ('json', 'regex' or 'choice').";

// The request's output constraint; `structured_outputs` wins over `response_format`.
/** @param {Record<string, any>} body @returns {Constraint | null} */
export function readConstraint(body) {
  const so = body.structured_outputs;
  if (so && typeof so === 'object') {
    const kinds = ['json', 'regex', 'choice'].filter((k) => so[k] !== undefined && so[k] !== null);
    if (kinds.length > 1) throw badRequest(ONE_KIND);
    if (kinds.length === 1 && body.tool_choice && typeof body.tool_choice === 'object') {
      throw badRequest('You can only either use constraints for structured outputs or tools, not both.');
    }
    if (so.json !== undefined && so.json !== null) return { kind: 'json', schema: readSchema(so.json) };
    if (Array.isArray(so.choice)) return { kind: 'choice', choices: so.choice.map(String) };
    if (typeof so.regex === 'string') return { kind: 'regex', pattern: so.regex };
    if (so.json_object === true) return { kind: 'json_object' };
    if (so.grammar !== undefined || so.structural_tag !== undefined) return { kind: 'unconstrained' };
  }
  const rf = body.response_format;
  if (!rf || typeof rf !== 'object') return null;
  if (rf.type === 'json_schema') {
    if (!rf.json_schema)
      throw badRequest("When response_format type is 'json_schema', the 'json_schema' field must be provided.", 'response_format');
    return { kind: 'json', schema: rf.json_schema.schema ?? true };
  }
  if (rf.type === 'json_object') return { kind: 'json_object' };
  if (rf.type === 'structural_tag') return { kind: 'unconstrained' };
  return null;
}

// The answer a constrained decoder would produce: the scripted one when it conforms, else the stand-in.
/** @param {Constraint | null} constraint @param {string} answer @returns {string} */
export function constrainAnswer(constraint, answer) {
  if (constraint === null) return answer;
  switch (constraint.kind) {
    case 'json': {
      const value = parseJson(answer);
      if (value !== undefined && matchesSchema(toPlain(value), constraint.schema)) return answer;
      return dumpsPy(fromPlain(buildStandIn(constraint.schema)));
    }
    case 'json_object': {
      const value = parseJson(answer);
      return value instanceof Map ? answer : '{}';
    }
    case 'choice':
      return constraint.choices.includes(answer) ? answer : (constraint.choices[0] ?? '');
    default:
      // A regex or grammar cannot be generated from here: the scripted answer passes unchanged (documented).
      return answer;
  }
}

// A schema given as an object or as JSON text.
/** @param {unknown} schema @returns {Record<string, any> | boolean} */
function readSchema(schema) {
  if (typeof schema !== 'string') return /** @type {Record<string, any>} */ (schema);
  try {
    return JSON.parse(schema);
  } catch {
    throw badRequest(`structured_outputs.json is not a JSON schema: ${schema.slice(0, 80)}`, 'structured_outputs');
  }
}

/** @param {string} text */
function parseJson(text) {
  try {
    return loadsPy(text.trim());
  } catch {
    return undefined;
  }
}
