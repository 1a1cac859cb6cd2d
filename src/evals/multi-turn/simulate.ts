import { pickCorrect, type SimRule } from '../../shared/simulation-rules.ts';
import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import { conversationsSource } from './data.ts';
import { showFact } from './facts.ts';
import type { Conversation } from './reader.ts';

// Script the simulated vLLM: each turn of a conversation answered by a rule that matches the turn's text within that
// conversation (its first turn is unique). Gold answers state the facts; wrong ones forget them or give the value
// that was replaced, so both ways a model fails are exercised.

/** The simulated answer to a turn: its facts (gold), a stale or forgotten value (wrong), or an acknowledgement. */
export function simulatedTurnAnswer(conversation: Conversation, turn: number, correct: boolean): string {
  const { expect, forbid } = conversation.turns[turn]!;
  if (!expect) return `Got it, I will keep that in mind (${conversation.id}, turn ${turn + 1}).`;
  if (correct) return `${expect.map(showFact).join(', ')}.`;
  return forbid?.length ? `${forbid.map(showFact).join(', ')}.` : "I'm sorry, I don't remember that.";
}

// Rules and expected scores for the first `limit` conversations.
export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  const { items } = await conversationsSource.load(options.source);
  const conversations = options.limit === null ? items : items.slice(0, options.limit);
  const correct = pickCorrect(options.mode, conversations.length);
  const rules: SimRule[] = [];
  let checked = 0;
  let right = 0;
  conversations.forEach((conversation, i) => {
    conversation.turns.forEach((turn, t) => {
      rules.push({
        // With `anyMessage` the rule sees the whole transcript, which ends with the turn being asked.
        match: { endsWith: turn.user, anyMessage: conversation.turns[0]!.user, endpoint: 'chat' },
        response: simulatedTurnAnswer(conversation, t, correct[i]!),
      });
      if (turn.expect) {
        checked += 1;
        if (correct[i]) right += 1;
      }
    });
  });
  const share = conversations.length ? correct.filter(Boolean).length / conversations.length : 0;
  return { rules, expected: { 'multi_turn/chat': { conversation_acc: share, turn_acc: checked ? right / checked : 0 } } };
}
