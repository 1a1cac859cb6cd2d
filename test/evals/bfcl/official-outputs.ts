import { z } from 'zod';
import {
  joinBfclAnswers,
  parsePythonJson,
  readBfclAnswers,
  readBfclEntries,
  type BfclCase,
  type BfclCategory,
  type PyDict,
  type ToolMessageLike,
} from '../../../src/evals/bfcl/index.ts';
import { answerPinId, BFCL_DATASET_PINS } from '../../../src/evals/bfcl/pins.ts';
import { readShared } from '../../helpers/shared.ts';

// gpt-oss-120b's BFCL results with the official score files (shared/datasets/bfcl/model-outputs), read
// into our shapes: a chat message per id and BFCL's verdict per id (correct iff absent from the score file).

const RESULT_DIR = ['bfcl', 'model-outputs', 'gpt-oss-120b'] as const;

const ResultLineSchema = z.object({ id: z.string(), result: z.union([z.string(), z.array(z.record(z.string(), z.string()))]) });
const FailureLineSchema = z.looseObject({ id: z.string(), error_type: z.string(), possible_answer: z.unknown().optional() });
const HeaderSchema = z.object({ accuracy: z.number(), correct_count: z.number(), total_count: z.number() });

/** One official verdict. */
export interface OfficialCase {
  testCase: BfclCase;
  /** The result as the chat message a server would have returned. */
  message: ToolMessageLike;
  /** BFCL's verdict: true iff the id is not in the score file. */
  officialCorrect: boolean;
  /** BFCL's error_type for failed ids. */
  officialErrorType: string | null;
}

// A BFCL FC result (call list or text) as a chat message: calls become tool_calls, text stays content.
function toMessage(result: string | Record<string, string>[]): ToolMessageLike {
  if (typeof result === 'string') return { content: result, tool_calls: [] };
  return {
    content: null,
    tool_calls: result.map((call) => {
      const [name, args] = Object.entries(call)[0]!;
      return { function: { name, arguments: args } };
    }),
  };
}

/** Every result of a category with BFCL's verdict; failed ids use the possible answer BFCL scored with. */
export function readOfficialCases(category: BfclCategory): { cases: OfficialCase[]; header: z.infer<typeof HeaderSchema> } {
  const pin = BFCL_DATASET_PINS[`bfcl/${category}`];
  const entries = readBfclEntries(readShared(pin.localPath), category);
  const answerPin = answerPinId(category);
  const answers = answerPin ? readBfclAnswers(readShared(BFCL_DATASET_PINS[answerPin].localPath)) : null;
  const scoreLines = readShared(...RESULT_DIR, 'score', `BFCL_v4_${category}_score.json`)
    .split('\n')
    .filter(Boolean);
  const header = HeaderSchema.parse(JSON.parse(scoreLines[0]!));
  const failures = new Map(
    scoreLines.slice(1).map((line) => {
      const failure = FailureLineSchema.parse(JSON.parse(line));
      return [failure.id, { errorType: failure.error_type, line }] as const;
    }),
  );
  // The score file embeds the possible answer in force when it was scored (three have changed since).
  const scoredAnswers =
    answers?.map((answer) => {
      const failure = failures.get(answer.id);
      if (!failure) return answer;
      const embedded = (parsePythonJson(failure.line) as PyDict).possible_answer as PyDict[];
      return {
        id: answer.id,
        calls: embedded.map((call) => {
          const [name, params] = Object.entries(call)[0]!;
          return { name, params: params as PyDict };
        }),
      };
    }) ?? null;
  const byId = new Map(joinBfclAnswers(entries, scoredAnswers).map((testCase) => [testCase.id, testCase]));
  const results = readShared(...RESULT_DIR, 'result', `BFCL_v4_${category}_result.json`)
    .split('\n')
    .filter(Boolean);
  const cases = results.map((line) => {
    const result = ResultLineSchema.parse(JSON.parse(line));
    const testCase = byId.get(result.id);
    if (!testCase) throw new Error(`result id ${result.id} is not in BFCL_v4_${category}.json`);
    const failure = failures.get(result.id);
    return { testCase, message: toMessage(result.result), officialCorrect: !failure, officialErrorType: failure?.errorType ?? null };
  });
  return { cases, header };
}
