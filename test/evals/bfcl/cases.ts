import {
  joinBfclAnswers,
  readBfclAnswers,
  readBfclEntries,
  type BfclCase,
  type BfclCategory,
  type DecodedCall,
  parsePythonJson,
  type ToolMessageLike,
} from '../../../src/evals/bfcl/index.ts';
import { checkKindOf } from '../../../src/evals/bfcl/categories.ts';

// Small hand-written BFCL cases for the checker tests, read through the real readers.

/** A one-question case of `category` from function docs and ground-truth calls written as JSON. */
export function makeCase(category: BfclCategory, functions: unknown[], groundTruth: string | null, user = 'Do it.'): BfclCase {
  const id = `${category}_0`;
  const question = JSON.stringify({ id, question: [[{ role: 'user', content: user }]], function: functions });
  const entries = readBfclEntries(question, category);
  if (checkKindOf(category) !== 'ast' || groundTruth === null) return joinBfclAnswers(entries, null)[0]!;
  return joinBfclAnswers(entries, readBfclAnswers(`{"id": "${id}", "ground_truth": ${groundTruth}}`))[0]!;
}

/** A function doc; `properties` as BFCL writes them. */
export function doc(name: string, properties: Record<string, unknown>, required: string[] = Object.keys(properties)) {
  return { name, description: `The ${name} function.`, parameters: { type: 'dict', properties, required } };
}

/** A decoded call from JSON argument text (so 5 and 5.0 stay apart). */
export function call(name: string, argsJson: string): DecodedCall {
  return { name, args: parsePythonJson(argsJson) };
}

/** A chat message with tool calls, as vLLM returns them. */
export function toolMessage(...calls: [name: string, argsJson: string][]): ToolMessageLike {
  return { content: null, tool_calls: calls.map(([name, args]) => ({ function: { name, arguments: args } })) };
}
