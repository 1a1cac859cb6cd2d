import { z } from 'zod';
import { ANSWER_SCHEMAS, type AnswerSchemaName } from './schemas.ts';

// The JSON-output cases the package ships (cases.jsonl): a text, the schema its answer must follow, and the object
// a right answer holds.

/** One JSON-output case. */
export const JsonCaseSchema = z
  .strictObject({
    id: z.string().regex(/^json-\d{3}$/),
    schema: z.enum(Object.keys(ANSWER_SCHEMAS) as [AnswerSchemaName, ...AnswerSchemaName[]]),
    text: z.string().min(1),
    expected: z.record(z.string(), z.unknown()),
  })
  .refine((c) => ANSWER_SCHEMAS[c.schema].safeParse(c.expected).success, { message: '`expected` must satisfy its own schema' });
export type JsonCase = z.infer<typeof JsonCaseSchema>;
