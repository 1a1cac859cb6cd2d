import type { z } from 'zod';
import type { Scorer } from '../scorer.ts';
import { JSON_VALID_METRIC } from './metric.ts';

/** Options of `jsonSchema`. */
export interface JsonSchemaOptions {
  /** Metric name. @default 'json_valid' */
  name?: string;
  /** Accept the JSON inside a ```json fenced block as models often write it. @default true */
  allowFence?: boolean;
}

/**
 * Scores 1 when the answer is JSON that the zod schema accepts. Not JSON at all = unparseable; JSON that fails the
 * schema = wrong, with the schema's issues in the record. `schema` may be a function of the case, for evals whose
 * cases each have their own schema.
 * @example jsonSchema(z.object({ city: z.string(), population: z.number().int() }))
 * @example jsonSchema((item: { schema: string }) => SCHEMAS[item.schema])
 */
// biome-ignore lint/suspicious/noExplicitAny: a schema chosen per case reads the eval's own item type
export function jsonSchema<Item = any>(schema: z.ZodType | ((item: Item) => z.ZodType), options: JsonSchemaOptions = {}): Scorer<Item> {
  const name = options.name ?? JSON_VALID_METRIC.name;
  return {
    name,
    kind: 'proportion',
    description: JSON_VALID_METRIC.description,
    score: ({ item, response }) => checkJsonAnswer(response, typeof schema === 'function' ? schema(item) : schema, options),
  };
}

/** What `checkJsonAnswer` found: the JSON text read (null = not JSON), the score and why it failed. */
export interface JsonAnswerCheck {
  score: 0 | 1;
  extracted: string | null;
  detail?: { jsonError: string } | { schemaIssues: string[] };
}

/**
 * The core of `jsonSchema`: 1 when the answer (or its last fenced block) is JSON the schema accepts.
 * @example checkJsonAnswer('{"city":"Oslo"}', z.object({ city: z.string() })) // { score: 1, extracted: '{"city":"Oslo"}' }
 */
export function checkJsonAnswer(response: string, schema: z.ZodType, options: Pick<JsonSchemaOptions, 'allowFence'> = {}): JsonAnswerCheck {
  const text = options.allowFence === false ? response.trim() : unfence(response);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { score: 0, extracted: null, detail: { jsonError: (error as Error).message } };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { score: 1, extracted: text };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { score: 0, extracted: text, detail: { schemaIssues: issues } };
}

/** The JSON of an answer: the content of its last ```json (or plain ```) block, else the trimmed answer. */
export function unfence(response: string): string {
  const blocks = [...response.matchAll(/```(?:json)?[^\S\n]*\n([\s\S]*?)\n?```/g)];
  return (blocks.at(-1)?.[1] ?? response).trim();
}
