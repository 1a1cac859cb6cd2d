import { evalDefinition, type AnyEvalDefinition } from '../../runtime/define-eval.ts';
import type { DataSource } from '../../runtime/data.ts';
import { buildTurnMessages, runConversation, type ConversationOutput } from './conversation.ts';
import { conversationsSource } from './data.ts';
import type { Conversation } from './reader.ts';
import { expectedFacts, multiTurnScorer } from './score.ts';
import { AGENT_KIND } from '../agent-kind.ts';

/**
 * Multi-turn coherence: conversations whose later turns depend on facts given (or corrected) earlier, each turn
 * answered with the model's own history, checked by exact facts.
 * @param data the conversations @default the shipped conversations.jsonl
 */
export function multiTurnEvals(data: DataSource<Conversation> = conversationsSource): AnyEvalDefinition[] {
  return [
    evalDefinition<Conversation, ConversationOutput>({
      name: 'multi_turn',
      variant: 'chat',
      label: 'Multi-turn coherence (facts from earlier turns, exact checks)',
      kind: AGENT_KIND,
      data,
      // The last turn's request as sent, with earlier answers left as placeholders (they are the model's own).
      prompt: (item) =>
        buildTurnMessages(
          item,
          item.turns.length - 1,
          item.turns.map((_, i) => `(the model's answer to turn ${i + 1})`),
        ),
      task: runConversation,
      expected: expectedFacts,
      scorers: [multiTurnScorer()],
    }),
  ];
}
