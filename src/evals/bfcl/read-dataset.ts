import { z } from 'zod';
import { DatasetError } from '../../shared/errors.ts';
import { categoryOfId, type BfclCategory } from './categories.ts';
import { FunctionDocSchema, pyAsFunctionDoc, type FunctionDoc } from './function-doc.ts';
import { parsePythonJson } from './python-json.ts';
import type { PyDict, PyValue } from './python-value.ts';

// Readers for BFCL v4 question and possible-answer files: JSON Lines under a `.json` name (some without a
// final newline), read with Python's number types so `5` and `5.0` in possible answers stay distinct.

/** One chat message of a BFCL question. */
export const BfclMessageSchema = z.looseObject({ role: z.string(), content: z.string() });
export type BfclMessage = z.infer<typeof BfclMessageSchema>;

const QuestionRecordSchema = z.looseObject({
  id: z.string().min(1),
  question: z.array(z.array(BfclMessageSchema)).min(1),
  function: z.array(FunctionDocSchema),
});

// One expected call: `{function name: {param: [allowed values...]}}`; `""` among the values marks "may be omitted".
const ExpectedCallSchema = z
  .record(z.string(), z.record(z.string(), z.array(z.unknown())))
  .refine((call) => Object.keys(call).length === 1, 'each expected call names exactly one function');

const AnswerRecordSchema = z.looseObject({ id: z.string().min(1), ground_truth: z.array(ExpectedCallSchema) });

/** One BFCL question (single-turn categories have one turn). */
export interface BfclEntry {
  /** BFCL's own id, e.g. `simple_python_12`, `live_multiple_3-1-0`. */
  id: string;
  category: BfclCategory;
  /** Conversation turns; the single-turn categories have exactly one. */
  turns: BfclMessage[][];
  /** The functions offered, as written in the file. */
  functions: FunctionDoc[];
}

/** One call of a possible answer. */
export interface ExpectedCall {
  /** Function name as in the docs (dots included). */
  name: string;
  /** Parameter name -> allowed values (Python-typed); `""` among them means the parameter may be omitted. */
  params: PyDict;
}

/** The possible answer of one question. */
export interface BfclAnswer {
  id: string;
  calls: ExpectedCall[];
}

// Each non-blank line through Python's json.loads, then the schema; the first bad line fails the file.
function readLines<T>(text: string, schema: z.ZodType, source: string, read: (raw: PyValue) => T): T[] {
  const out: T[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let raw: PyValue;
    try {
      raw = parsePythonJson(line);
    } catch (error) {
      throw new DatasetError('EVAL_DATASET_UNAVAILABLE', `${source}: line ${index + 1} is not valid JSON.`, { cause: error });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new DatasetError(
        'EVAL_DATASET_UNAVAILABLE',
        `${source}: line ${index + 1} does not match the BFCL record shape (${issues}). Is this a BFCL v4 file of the right kind?`,
      );
    }
    out.push(read(raw));
  }
  return out;
}

/**
 * Read a BFCL v4 question file (`BFCL_v4_<category>.json`). Every id must belong to `category`.
 * @param source File name used in error messages.
 */
export function readBfclEntries(text: string, category: BfclCategory, source = `BFCL_v4_${category}.json`): BfclEntry[] {
  return readLines(text, QuestionRecordSchema, source, (raw) => {
    const record = raw as PyDict;
    const id = record.id as string;
    if (categoryOfId(id) !== category) {
      throw new DatasetError(
        'EVAL_DATASET_UNAVAILABLE',
        `${source}: id "${id}" is not a ${category} id. Read each category from its own file.`,
      );
    }
    const turns = z.array(z.array(BfclMessageSchema)).parse(record.question);
    return { id, category, turns, functions: (record.function as PyValue[]).map(pyAsFunctionDoc) };
  });
}

/** Read a BFCL v4 possible-answer file (`possible_answer/BFCL_v4_<category>.json`). */
export function readBfclAnswers(text: string, source = 'possible_answer'): BfclAnswer[] {
  return readLines(text, AnswerRecordSchema, source, (raw) => {
    const record = raw as PyDict;
    const calls = (record.ground_truth as PyDict[]).map((call) => {
      const [name, params] = Object.entries(call)[0]!;
      return { name, params: params as PyDict };
    });
    return { id: record.id as string, calls };
  });
}

/** A question with its possible answer (null for irrelevance and relevance, which have none). */
export interface BfclCase extends BfclEntry {
  answer: ExpectedCall[] | null;
}

/**
 * Pair questions with their possible answers by id; both files list the same ids in the same order.
 * Pass no answers for the irrelevance and relevance categories.
 */
export function joinBfclAnswers(entries: readonly BfclEntry[], answers: readonly BfclAnswer[] | null): BfclCase[] {
  if (answers === null) return entries.map((entry) => ({ ...entry, answer: null }));
  const byId = new Map(answers.map((answer) => [answer.id, answer.calls]));
  return entries.map((entry) => {
    const answer = byId.get(entry.id);
    if (!answer) {
      throw new DatasetError(
        'EVAL_DATASET_UNAVAILABLE',
        `BFCL ${entry.category}: question "${entry.id}" has no possible answer. Use the possible_answer file of the same category and version.`,
      );
    }
    return { ...entry, answer };
  });
}
