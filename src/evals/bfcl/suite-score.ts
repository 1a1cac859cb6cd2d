import type { ChatResult, ToolCall } from '../../runtime/client/chat.ts';
import type { CompletionResult } from '../../runtime/client/completions.ts';
import type { MultiScorer } from '../../scorers/scorer.ts';
import type { Verdict } from '../../shared/records/case-record.ts';
import { checkKindOf } from './categories.ts';
import { BFCL_METRICS } from './metrics.ts';
import { formatCallList, restoreOriginalNames, toBfclCallList } from './decoded-call.ts';
import { toJsonValue } from './python-json.ts';
import type { BfclCase } from './read-dataset.ts';
import { scoreQwenText, scoreToolsResponse, type BfclCaseScore, type BfclMode } from './score-case.ts';

// The suite's scorer: one case's answer through BFCL's decoder and AST checker (score-case.ts), as a case record's
// scores, verdict and detail (raw tool calls, decoded calls, BFCL's error type).

/** What a BFCL case got back: the chat answer (tools mode, with the tool-name map) or the completion (Qwen prompt mode). */
export type BfclOutput = (ChatResult & { originalNames: Record<string, string> }) | CompletionResult;

/** Scorer version; part of the prompt hash, so a change in request building or checking is never compared as equal. */
const SCORER_VERSION = 'bfcl-v4-ast-1';

// BFCL's failure categories as case verdicts: nothing decoded is unparseable, every other failure is wrong.
function verdictOf(score: BfclCaseScore): Verdict {
  if (score.verdict !== 'wrong') return score.verdict;
  return score.errorType?.startsWith('ast_decoder:') ? 'unparseable' : 'wrong';
}

/** What a case is expected to produce, as text for its record. */
export function describeBfclExpected(item: BfclCase): string {
  const kind = checkKindOf(item.category);
  if (kind === 'irrelevance') return 'no function call';
  if (kind === 'relevance') return 'any function call';
  return JSON.stringify((item.answer ?? []).map((call) => ({ [call.name]: toJsonValue(call.params) })));
}

/** The scorer of one mode. */
export function bfclScorer(mode: BfclMode): MultiScorer<BfclCase, BfclOutput> {
  return {
    metrics: BFCL_METRICS,
    fingerprint: `${SCORER_VERSION}:${mode}`,
    score({ item, output }) {
      const toolCalls: ToolCall[] = 'toolCalls' in output ? output.toolCalls : [];
      const score =
        mode === 'tools' ? scoreToolsResponse(item, { content: output.text, tool_calls: toolCalls }) : scoreQwenText(item, output.text);
      const names = 'originalNames' in output ? new Map(Object.entries(output.originalNames)) : new Map<string, string>();
      const calls = score.calls ? restoreOriginalNames(score.calls, names) : null;
      const verdict = verdictOf(score);
      return {
        scores: { accuracy: verdict === 'parser_failed' ? null : verdict === 'correct' ? 1 : 0 },
        extracted: { accuracy: calls ? formatCallList(calls) : null },
        verdict,
        detail: {
          mode,
          category: item.category,
          offered: item.functions.map((doc) => doc.name),
          ...(mode === 'tools'
            ? { toolCalls: toolCalls.map((call) => ({ name: call.function.name, arguments: call.function.arguments })) }
            : {}),
          calls: calls ? toBfclCallList(calls) : null,
          errorType: score.errorType,
          errors: score.errors,
        },
      };
    },
  };
}
