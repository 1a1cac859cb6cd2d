// The JSON Schema subset structured outputs are written in (OpenAI-style response formats and tool parameters):
// checking a value against a schema, and building a deterministic value that satisfies one.

/** @typedef {Record<string, any>} Schema */

const MAX_DEPTH = 32;

// Resolve a local `$ref` (`#/$defs/x`, `#/definitions/x`); unknown references resolve to "anything".
/** @param {Schema} schema @param {Schema} root @returns {Schema} */
function resolve(schema, root) {
  let current = schema;
  for (let i = 0; i < MAX_DEPTH && typeof current?.$ref === 'string'; i++) {
    const path = current.$ref.replace(/^#\/?/, '').split('/').filter(Boolean);
    current = path.reduce((node, key) => node?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], root) ?? {};
  }
  return current && typeof current === 'object' ? current : {};
}

/** @param {unknown} value */
function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** @param {unknown} value @param {string} type */
function hasType(value, type) {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

// True when `value` (plain JSON data) satisfies `schema`.
/** @param {unknown} value @param {Schema | boolean} schema @param {Schema} [root] @param {number} [depth] @returns {boolean} */
export function matchesSchema(value, schema, root = /** @type {Schema} */ (schema), depth = 0) {
  if (schema === true || schema === undefined || schema === null) return true;
  if (schema === false) return false;
  if (depth > MAX_DEPTH) return true;
  const s = resolve(schema, root);
  const sub = (/** @type {unknown} */ v, /** @type {Schema | boolean} */ sch) => matchesSchema(v, sch, root, depth + 1);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => hasType(value, t))) return false;
  }
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((x) => sub(value, x))) return false;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((x) => sub(value, x)).length !== 1) return false;
  if (Array.isArray(s.allOf) && !s.allOf.every((x) => sub(value, x))) return false;
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) return false;
    if (typeof s.maxLength === 'number' && length > s.maxLength) return false;
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) return false;
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return false;
    if (typeof s.maximum === 'number' && value > s.maximum) return false;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return false;
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return false;
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) return false;
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return false;
    const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    for (const [i, item] of value.entries()) {
      const itemSchema = i < prefix.length ? prefix[i] : s.items;
      if (itemSchema !== undefined && !sub(item, itemSchema)) return false;
    }
  }
  if (typeOf(value) === 'object') {
    const object = /** @type {Record<string, unknown>} */ (value);
    const properties = s.properties ?? {};
    if (Array.isArray(s.required) && !s.required.every((key) => Object.hasOwn(object, key))) return false;
    for (const [key, item] of Object.entries(object)) {
      if (Object.hasOwn(properties, key)) {
        if (!sub(item, properties[key])) return false;
      } else if (s.additionalProperties !== undefined && !sub(item, s.additionalProperties)) return false;
    }
  }
  return true;
}

// A deterministic value satisfying `schema`: const, first enum value, default, else the smallest value of the first
// type (0, "", false, null, [], {}) grown to the minimum sizes, objects with their required properties only.
/** @param {Schema | boolean} schema @param {Schema} [root] @param {number} [depth] @returns {unknown} */
export function buildStandIn(schema, root = /** @type {Schema} */ (schema), depth = 0) {
  if (schema === false || schema === true || schema === null || schema === undefined || depth > MAX_DEPTH) return null;
  const s = resolve(schema, root);
  const sub = (/** @type {Schema | boolean} */ sch) => buildStandIn(sch, root, depth + 1);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if ('default' in s && matchesSchema(s.default, s, root)) return s.default;
  if (Array.isArray(s.anyOf) && s.anyOf.length > 0) return sub(s.anyOf[0]);
  if (Array.isArray(s.oneOf) && s.oneOf.length > 0) return sub(s.oneOf[0]);
  if (Array.isArray(s.allOf) && s.allOf.length > 0) return sub(Object.assign({}, ...s.allOf.map((x) => resolve(x, root))));
  const types = Array.isArray(s.type) ? s.type : s.type !== undefined ? [s.type] : [];
  const type = types.find((t) => t !== 'null') ?? types[0] ?? (s.properties ? 'object' : s.items ? 'array' : 'null');
  switch (type) {
    case 'object': {
      /** @type {Record<string, unknown>} */
      const out = {};
      for (const key of Array.isArray(s.required) ? s.required : []) out[key] = sub(s.properties?.[key] ?? {});
      return out;
    }
    case 'array': {
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
      const count = Math.max(typeof s.minItems === 'number' ? s.minItems : 0, 0);
      return Array.from({ length: count }, (_, i) => sub(i < prefix.length ? prefix[i] : (s.items ?? {})));
    }
    case 'string':
      return 'a'.repeat(typeof s.minLength === 'number' ? s.minLength : 0);
    case 'integer':
    case 'number': {
      if (typeof s.minimum === 'number') return type === 'integer' ? Math.ceil(s.minimum) : s.minimum;
      if (typeof s.exclusiveMinimum === 'number') return Math.floor(s.exclusiveMinimum) + 1;
      if (typeof s.maximum === 'number' && s.maximum < 0) return type === 'integer' ? Math.floor(s.maximum) : s.maximum;
      return 0;
    }
    case 'boolean':
      return false;
    default:
      return null;
  }
}
