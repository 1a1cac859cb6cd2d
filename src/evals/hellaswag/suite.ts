import {
  buildHellaswagChatMessages,
  buildHellaswagGoldResponse,
  buildHellaswagLoglikelihoodPrompt,
  buildHellaswagWrongResponse,
  HELLASWAG_CHAT_METRICS,
  HELLASWAG_CHAT_PRIMARY_METRIC,
  HELLASWAG_LABELS,
  HELLASWAG_METRICS,
  HELLASWAG_PRIMARY_METRIC,
  readHellaswagText,
  scoreHellaswagChatResponse,
  scoreHellaswagLoglikelihood,
  type HellaswagCase,
} from './index.ts';
import type { MetricSpec } from '../../shared/records/metric.ts';
import type { DatasetPin } from '../../shared/records/run-record.ts';
import { pickCorrect, type SimRule, type SimulationMode } from '../../shared/simulation-rules.ts';
import type { CaseContext, CaseOutcome } from '../../runtime/define-eval-suite.ts';
import { runChatChoiceCase, runLoglikelihoodCase, type ChoiceVariant } from '../multiple-choice/run-case.ts';
import { applyLimit, hashPrompt, readPinned, type DatasetSource } from '../../runtime/read-pinned.ts';
import { buildLoglikelihoodRules, FirstRuleLookup, meanOf, pickWrongChoice } from '../multiple-choice/simulate-choices.ts';

// HellaSwag validation set (10042 items, id = 0-based index): lm-eval log-likelihood (acc_norm), or endings A-D in chat.

export const HELLASWAG_SUITE_LABELS: Record<ChoiceVariant, string> = {
  chat: 'HellaSwag (chat, letter answer A-D)',
  loglikelihood: 'HellaSwag (log-likelihood, lm-eval acc/acc_norm)',
};

export const HELLASWAG_SUITE_FACTS: Record<ChoiceVariant, { dataset: string; primaryMetric: string; metricSpecs: MetricSpec[] }> = {
  chat: { dataset: 'hellaswag', primaryMetric: HELLASWAG_CHAT_PRIMARY_METRIC, metricSpecs: HELLASWAG_CHAT_METRICS },
  loglikelihood: { dataset: 'hellaswag', primaryMetric: HELLASWAG_PRIMARY_METRIC, metricSpecs: HELLASWAG_METRICS },
};

export interface HellaswagData {
  cases: HellaswagCase[];
  size: number;
  pins: DatasetPin[];
}

// Load the validation split (limited).
export async function loadHellaswag(source: DatasetSource, limit: number | null): Promise<HellaswagData> {
  const validation = await readPinned('hellaswag/validation', source);
  const all = readHellaswagText(validation.text, 'hellaswag/hellaswag_val_full.txt');
  return { cases: applyLimit(all, limit), size: all.length, pins: [validation.pin] };
}

export function hellaswagPromptHash(variant: ChoiceVariant): string {
  const template: HellaswagCase = { id: '-', storedContext: '{ctx}', query: '{query}', endings: ['{ending}'], label: 0 };
  return hashPrompt(variant === 'chat' ? buildHellaswagChatMessages(template) : buildHellaswagLoglikelihoodPrompt(template));
}

// The gold ending's chat label (A-D).
function goldLabel(item: HellaswagCase): string {
  return HELLASWAG_LABELS[item.label] ?? String(item.label);
}

// Ask (chat) or score the four endings (log-likelihood).
export function runHellaswagCase(variant: ChoiceVariant, item: HellaswagCase, context: CaseContext): Promise<CaseOutcome> {
  if (variant === 'chat') {
    return runChatChoiceCase(buildHellaswagChatMessages(item), goldLabel(item), (text) => scoreHellaswagChatResponse(item, text), context);
  }
  return runLoglikelihoodCase(
    buildHellaswagLoglikelihoodPrompt(item),
    HELLASWAG_LABELS,
    String(item.label),
    (sums) => scoreHellaswagLoglikelihood(item, sums),
    context,
  );
}

/** Rules for both variants, and per dataset key the score each metric must come out at. */
export function simulateHellaswag(data: HellaswagData, mode: SimulationMode): { rules: SimRule[]; expected: Record<string, Record<string, number>> } {
  const correct = pickCorrect(mode, data.cases.length);
  const rules: SimRule[] = [];
  data.cases.forEach((item, i) => {
    const last = buildHellaswagChatMessages(item).at(-1)!;
    const response = correct[i] ? buildHellaswagGoldResponse(item) : buildHellaswagWrongResponse(item);
    rules.push({ match: { equals: last.content, endpoint: 'chat' }, response });
    const winner = correct[i] ? item.label : pickWrongChoice(item.label, item.endings.length);
    rules.push(...buildLoglikelihoodRules(buildHellaswagLoglikelihoodPrompt(item), winner));
  });
  // Score what the simulator will answer: a repeated item gets the first copy's rules.
  const lookup = new FirstRuleLookup(rules);
  const chat = data.cases.map((item) => scoreHellaswagChatResponse(item, lookup.chatResponse(buildHellaswagChatMessages(item).at(-1)!.content)));
  const ll = data.cases.map((item) => scoreHellaswagLoglikelihood(item, lookup.choiceSums(buildHellaswagLoglikelihoodPrompt(item))));
  return {
    rules,
    expected: {
      'hellaswag/chat': { chat_acc: meanOf(chat.map((s) => s.scores.chat_acc)) },
      'hellaswag/loglikelihood': { acc: meanOf(ll.map((s) => s.scores.acc)), acc_norm: meanOf(ll.map((s) => s.scores.acc_norm)) },
    },
  };
}
