import {
  ARC_CHAT_METRICS,
  ARC_CHAT_PRIMARY_METRIC,
  ARC_LOGLIKELIHOOD_METRICS,
  ARC_LOGLIKELIHOOD_PRIMARY_METRIC,
  buildArcChatMessages,
  buildArcGoldResponse,
  buildArcLoglikelihoodPrompt,
  buildArcWrongResponse,
  readArcChallenge,
  scoreArcChatResponse,
  scoreArcLoglikelihood,
  type ArcCase,
} from './index.ts';
import type { MetricSpec } from '../../shared/records/metric.ts';
import type { DatasetPin } from '../../shared/records/run-record.ts';
import { pickCorrect, type SimRule, type SimulationMode } from '../../shared/simulation-rules.ts';
import type { CaseContext, CaseOutcome } from '../../runtime/define-eval-suite.ts';
import { runChatChoiceCase, runLoglikelihoodCase, type ChoiceVariant } from '../multiple-choice/run-case.ts';
import { applyLimit, hashPrompt, readPinned, type DatasetSource } from '../../runtime/read-pinned.ts';
import { buildLoglikelihoodRules, FirstRuleLookup, meanOf, pickWrongChoice } from '../multiple-choice/simulate-choices.ts';

// ARC-Challenge test set (1172 questions): the model states a label in chat, or lm-eval's log-likelihood mode.

export const ARC_LABELS: Record<ChoiceVariant, string> = {
  chat: 'ARC-Challenge (chat, letter answer)',
  loglikelihood: 'ARC-Challenge (log-likelihood, lm-eval acc/acc_norm)',
};

export const ARC_SUITE_FACTS: Record<ChoiceVariant, { dataset: string; primaryMetric: string; metricSpecs: MetricSpec[] }> = {
  chat: { dataset: 'arc_challenge', primaryMetric: ARC_CHAT_PRIMARY_METRIC, metricSpecs: ARC_CHAT_METRICS },
  loglikelihood: { dataset: 'arc_challenge', primaryMetric: ARC_LOGLIKELIHOOD_PRIMARY_METRIC, metricSpecs: ARC_LOGLIKELIHOOD_METRICS },
};

export interface ArcData {
  cases: ArcCase[];
  size: number;
  pins: DatasetPin[];
}

// Load the test split (limited).
export async function loadArcChallenge(source: DatasetSource, limit: number | null): Promise<ArcData> {
  const test = await readPinned('arc_challenge/test', source);
  const all = readArcChallenge(test.text, 'arc_challenge/ARC-Challenge-Test.jsonl');
  return { cases: applyLimit(all, limit), size: all.length, pins: [test.pin] };
}

export function arcPromptHash(variant: ChoiceVariant): string {
  const template: ArcCase = { id: '-', question: '{question}', choices: [{ label: '{label}', text: '{text}' }], answerKey: '{label}' };
  return hashPrompt(variant === 'chat' ? buildArcChatMessages(template) : buildArcLoglikelihoodPrompt(template));
}

// Ask (chat) or score the choices (log-likelihood); case id = ARC `id`.
export function runArcCase(variant: ChoiceVariant, item: ArcCase, context: CaseContext): Promise<CaseOutcome> {
  if (variant === 'chat') {
    return runChatChoiceCase(buildArcChatMessages(item), item.answerKey, (text) => scoreArcChatResponse(item, text), context);
  }
  const labels = item.choices.map((c) => c.label);
  return runLoglikelihoodCase(buildArcLoglikelihoodPrompt(item), labels, item.answerKey, (sums) => scoreArcLoglikelihood(item, sums), context);
}

/** Rules for both variants, and per dataset key the score each metric must come out at. */
export function simulateArcChallenge(data: ArcData, mode: SimulationMode): { rules: SimRule[]; expected: Record<string, Record<string, number>> } {
  const correct = pickCorrect(mode, data.cases.length);
  const rules: SimRule[] = [];
  data.cases.forEach((item, i) => {
    const last = buildArcChatMessages(item).at(-1)!;
    const response = correct[i] ? buildArcGoldResponse(item) : buildArcWrongResponse(item);
    rules.push({ match: { equals: last.content, endpoint: 'chat' }, response });
    const gold = item.choices.findIndex((c) => c.label === item.answerKey);
    rules.push(...buildLoglikelihoodRules(buildArcLoglikelihoodPrompt(item), correct[i] ? gold : pickWrongChoice(gold, item.choices.length)));
  });
  // Score what the simulator will answer (first matching rule), with the suites' own scorers.
  const lookup = new FirstRuleLookup(rules);
  const chat = data.cases.map((item) => scoreArcChatResponse(item, lookup.chatResponse(buildArcChatMessages(item).at(-1)!.content)));
  const ll = data.cases.map((item) => scoreArcLoglikelihood(item, lookup.choiceSums(buildArcLoglikelihoodPrompt(item))));
  return {
    rules,
    expected: {
      'arc_challenge/chat': { chat_acc: meanOf(chat.map((s) => s.scores.chat_acc)) },
      'arc_challenge/loglikelihood': { acc: meanOf(ll.map((s) => s.scores.acc)), acc_norm: meanOf(ll.map((s) => s.scores.acc_norm)) },
    },
  };
}
