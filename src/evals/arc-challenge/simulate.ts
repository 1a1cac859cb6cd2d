import { pickCorrect, type SimRule } from '../../shared/simulation-rules.ts';
import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import { buildLoglikelihoodRules, FirstRuleLookup, meanOf, pickWrongChoice } from '../multiple-choice/simulate-choices.ts';
import { loadArcChallenge } from './data.ts';
import { buildArcChatMessages, buildArcLoglikelihoodPrompt } from './prompt.ts';
import { buildArcGoldResponse, buildArcWrongResponse, scoreArcChatResponse, scoreArcLoglikelihood } from './score.ts';

// Rules for both variants, and per dataset key the score each metric must come out at.
export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  const all = await loadArcChallenge(options.source);
  const cases = options.limit === null ? all : all.slice(0, options.limit);
  const correct = pickCorrect(options.mode, cases.length);
  const rules: SimRule[] = [];
  cases.forEach((item, i) => {
    const last = buildArcChatMessages(item).at(-1)!.content as string;
    rules.push({
      match: { equals: last, endpoint: 'chat' },
      response: correct[i] ? buildArcGoldResponse(item) : buildArcWrongResponse(item),
    });
    const gold = item.choices.findIndex((c) => c.label === item.answerKey);
    rules.push(
      ...buildLoglikelihoodRules(buildArcLoglikelihoodPrompt(item), correct[i] ? gold : pickWrongChoice(gold, item.choices.length)),
    );
  });
  // Score what the simulator will answer (first matching rule), with the suites' own scorers.
  const lookup = new FirstRuleLookup(rules);
  const chat = cases.map((item) => scoreArcChatResponse(item, lookup.chatResponse(buildArcChatMessages(item).at(-1)!.content as string)));
  const ll = cases.map((item) => scoreArcLoglikelihood(item, lookup.choiceSums(buildArcLoglikelihoodPrompt(item))));
  return {
    rules,
    expected: {
      'arc_challenge/chat': { chat_acc: meanOf(chat.map((s) => s.scores.chat_acc)) },
      'arc_challenge/loglikelihood': { acc: meanOf(ll.map((s) => s.scores.acc)), acc_norm: meanOf(ll.map((s) => s.scores.acc_norm)) },
    },
  };
}
