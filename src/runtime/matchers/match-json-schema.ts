import type { MatcherState } from 'vitest';
import { type SyncMatcherResult, answerText, clipAnswer } from './answer-text.ts';
import type { z } from 'zod';
import { checkJsonAnswer, type JsonSchemaOptions } from '../../scorers/json/json-schema.ts';

/** Options of `toMatchJsonSchema`. */
export type MatchJsonSchemaOptions = Pick<JsonSchemaOptions, 'allowFence'>;

// expect(answer).toMatchJsonSchema(schema): the answer (or its last ```json block) is JSON the zod schema accepts.
export function toMatchJsonSchema(
  this: MatcherState,
  received: unknown,
  schema: z.ZodType,
  options: MatchJsonSchemaOptions = {},
): SyncMatcherResult {
  const text = answerText(received, 'toMatchJsonSchema');
  const check = checkJsonAnswer(text, schema, options);
  const detail = check.detail;
  const why = !detail
    ? 'it does'
    : 'jsonError' in detail
      ? `not JSON (${detail.jsonError}): ${JSON.stringify(clipAnswer(text))}`
      : `schema issues: ${detail.schemaIssues.join('; ')} in ${check.extracted}`;
  return {
    pass: check.score === 1,
    message: () => `expected the answer ${this.isNot ? 'not ' : ''}to be JSON matching the schema; ${why}`,
  };
}
