import { pickCorrect, type SimRule } from '../../shared/simulation-rules.ts';
import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import { buildLoglikelihoodRules, FirstRuleLookup, meanOf, pickWrongChoice } from '../multiple-choice/simulate-choices.ts';
import { loadHellaswag } from './data.ts';
import { buildHellaswagChatMessages, buildHellaswagLoglikelihoodPrompt } from './prompt.ts';
import {
  buildHellaswagGoldResponse,
  buildHellaswagWrongResponse,
  scoreHellaswagChatResponse,
  scoreHellaswagLoglikelihood,
} from './score.ts';

// Rules for both variants, and per dataset key the score each metric must come out at.
export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  const all = await loadHellaswag(options.source);
  const cases = options.limit === null ? all : all.slice(0, options.limit);
  const correct = pickCorrect(options.mode, cases.length);
  const rules: SimRule[] = [];
  cases.forEach((item, i) => {
    const last = buildHellaswagChatMessages(item).at(-1)!.content as string;
    rules.push({
      match: { equals: last, endpoint: 'chat' },
      response: correct[i] ? buildHellaswagGoldResponse(item) : buildHellaswagWrongResponse(item),
    });
    const winner = correct[i] ? item.label : pickWrongChoice(item.label, item.endings.length);
    rules.push(...buildLoglikelihoodRules(buildHellaswagLoglikelihoodPrompt(item), winner));
  });
  // Score what the simulator will answer: a repeated item gets the first copy's rules.
  const lookup = new FirstRuleLookup(rules);
  const chat = cases.map((item) =>
    scoreHellaswagChatResponse(item, lookup.chatResponse(buildHellaswagChatMessages(item).at(-1)!.content as string)),
  );
  const ll = cases.map((item) => scoreHellaswagLoglikelihood(item, lookup.choiceSums(buildHellaswagLoglikelihoodPrompt(item))));
  return {
    rules,
    expected: {
      'hellaswag/chat': { chat_acc: meanOf(chat.map((s) => s.scores.chat_acc)) },
      'hellaswag/loglikelihood': { acc: meanOf(ll.map((s) => s.scores.acc)), acc_norm: meanOf(ll.map((s) => s.scores.acc_norm)) },
    },
  };
}
