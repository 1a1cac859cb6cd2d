import { z } from 'zod';
import type { PyDict, PyValue } from './python-value.ts';

// BFCL function docs (`function` of a question record). Types are BFCL's own names (`dict`, `float`, `tuple`,
// Java `HashMap`, JavaScript `Boolean`), not JSON Schema's; request builders convert them.

/** A parameter schema as BFCL writes it; unknown keys (`default`, `enum`, ...) are kept. */
export interface ParamDoc {
  type?: string | undefined;
  description?: string | undefined;
  items?: ParamDoc | undefined;
  properties?: Record<string, ParamDoc> | undefined;
  [key: string]: unknown;
}

export const ParamDocSchema: z.ZodType<ParamDoc> = z.lazy(() =>
  z.looseObject({
    type: z.string().optional(),
    description: z.string().optional(),
    items: ParamDocSchema.optional(),
    properties: z.record(z.string(), ParamDocSchema).optional(),
  }),
);

/** One function of a BFCL question. */
export const FunctionDocSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string(),
  parameters: z.looseObject({
    type: z.string(),
    properties: z.record(z.string(), ParamDocSchema),
    required: z.array(z.string()),
  }),
});
/** One function of a BFCL question, with its Python-typed values (int/float defaults) intact. */
export type FunctionDoc = z.infer<typeof FunctionDocSchema>;

/** The doc as a Python value, for rendering with `json.dumps` semantics. */
export function functionDocAsPy(doc: FunctionDoc): PyDict {
  return doc as unknown as PyDict;
}

/** A Python value viewed as a function doc; the caller has validated it with FunctionDocSchema. */
export function pyAsFunctionDoc(value: PyValue): FunctionDoc {
  return value as unknown as FunctionDoc;
}

/** The doc of `name` among `docs` (BFCL's find_description), or undefined. */
export function findFunctionDoc(docs: readonly FunctionDoc[], name: string): FunctionDoc | undefined {
  return docs.find((doc) => doc.name === name);
}
