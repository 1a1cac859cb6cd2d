import type { MultiScorer } from '../../scorers/scorer.ts';
import type { ConversationOutput } from './conversation.ts';
import { containsFact, showFact } from './facts.ts';
import { MULTI_TURN_METRICS } from './metrics.ts';
import type { Conversation } from './reader.ts';

// A conversation passes when every checked turn's answer holds all its facts and none of the stale ones; the turn
// metric pools checked turns over all conversations (a ratio metric: each case reports how many it checked).

/** The verdict of one checked turn. */
export interface TurnCheck {
  /** 1-based turn number. */
  turn: number;
  answer: string;
  expect: string[];
  forbid: string[];
  passed: boolean;
  /** Why it failed: the facts missing and the stale ones named; null when it passed. */
  reason: string | null;
}

/** Check every checked turn of a conversation against the answers given. */
export function checkTurns(conversation: Conversation, answers: readonly string[]): TurnCheck[] {
  const checks: TurnCheck[] = [];
  conversation.turns.forEach((turn, i) => {
    if (!turn.expect) return;
    const answer = answers[i] ?? '';
    const missing = turn.expect.filter((fact) => !containsFact(answer, fact)).map(showFact);
    const stale = (turn.forbid ?? []).filter((fact) => containsFact(answer, fact)).map(showFact);
    const reasons = [
      ...(missing.length ? [`missing ${missing.join(', ')}`] : []),
      ...(stale.length ? [`names the replaced ${stale.join(', ')}`] : []),
    ];
    checks.push({
      turn: i + 1,
      answer,
      expect: turn.expect.map(showFact),
      forbid: (turn.forbid ?? []).map(showFact),
      passed: reasons.length === 0,
      reason: reasons.length ? reasons.join('; ') : null,
    });
  });
  return checks;
}

/** The facts a conversation's checked turns expect, as the record shows them: `Miso | Ana`. */
export function expectedFacts(conversation: Conversation): string {
  return conversation.turns
    .filter((t) => t.expect)
    .map((t) => t.expect!.map(showFact).join(', '))
    .join(' | ');
}

/** The multi-turn scorer: every checked turn, the conversation and turn metrics, and each turn's reason. */
export function multiTurnScorer(): MultiScorer<Conversation, ConversationOutput> {
  return {
    metrics: MULTI_TURN_METRICS,
    fingerprint: 'multi_turn exact facts v1',
    score: ({ item, output }) => {
      const checks = checkTurns(item, output.answers);
      const passed = checks.filter((c) => c.passed).length;
      const answers = checks.map((c) => c.answer.replace(/\s+/g, ' ').trim()).join(' | ');
      return {
        scores: { conversation_acc: passed === checks.length ? 1 : 0, turn_acc: passed / checks.length },
        units: { turn_acc: checks.length },
        extracted: { conversation_acc: answers, turn_acc: answers },
        detail: { turns: checks, failures: checks.filter((c) => !c.passed).map((c) => `turn ${c.turn}: ${c.reason}`) },
      };
    },
  };
}
