import { jsonSchema, unfence } from '../../scorers/json/json-schema.ts';
import type { Scorer } from '../../scorers/scorer.ts';
import { VALUES_MATCH_METRIC } from './metrics.ts';
import type { JsonCase } from './reader.ts';
import { ANSWER_SCHEMAS } from './schemas.ts';

// Two scores per answer: is it JSON its schema accepts (zod), and does it hold the right values. Strings compare
// trimmed and case-insensitively, numbers by value, lists of plain values in any order.

/** Fields of `expected` the answer got wrong (missing or different), by name. */
export function mismatchedFields(expected: Record<string, unknown>, answer: unknown): string[] {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return Object.keys(expected);
  return Object.entries(expected)
    .filter(([key, value]) => !sameValue(value, (answer as Record<string, unknown>)[key]))
    .map(([key]) => key);
}

function sameValue(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'string') return typeof actual === 'string' && expected.trim().toLowerCase() === actual.trim().toLowerCase();
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    if (expected.every((v) => typeof v !== 'object')) {
      const rest = [...actual];
      return expected.every((v) => {
        const at = rest.findIndex((a) => sameValue(v, a));
        return at !== -1 && rest.splice(at, 1).length === 1;
      });
    }
    return expected.every((v, i) => sameValue(v, actual[i]));
  }
  if (typeof expected === 'object' && expected !== null) return mismatchedFields(expected as Record<string, unknown>, actual).length === 0;
  return expected === actual;
}

/** Scores 1 when the answer's JSON holds every expected value. */
export function valuesMatch(): Scorer<JsonCase> {
  return {
    name: VALUES_MATCH_METRIC.name,
    kind: 'proportion',
    description: VALUES_MATCH_METRIC.description,
    score: ({ item, response }) => {
      let value: unknown;
      try {
        value = JSON.parse(unfence(response));
      } catch {
        return { score: 0, extracted: null };
      }
      const wrong = mismatchedFields(item.expected, value);
      return { score: wrong.length ? 0 : 1, extracted: unfence(response), ...(wrong.length ? { detail: { wrongFields: wrong } } : {}) };
    },
  };
}

/** JSON-output scorers: validity against the case's zod schema (primary), then the values. */
export const JSON_OUTPUT_SCORERS = [jsonSchema<JsonCase>((item) => ANSWER_SCHEMAS[item.schema]), valuesMatch()];
