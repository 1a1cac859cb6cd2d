import type { TaskContext } from '../../runtime/define-eval.ts';
import type { ChatMessage } from '../../shared/chat-message.ts';
import type { Conversation } from './reader.ts';

// A conversation as the model lives it: each user turn sent with the whole history so far, the model's own earlier
// answers included, so a later answer can only be right if the facts of earlier turns were kept.

/** The answers of one conversation, one per user turn. */
export interface ConversationOutput {
  answers: string[];
  finishReasons: Array<string | null>;
  /** The answers, one `[Turn n]` block each, for the record. */
  text: string;
}

/** The messages sent for turn `upTo` (0-based): every earlier user turn with its answer, then that turn. */
export function buildTurnMessages(conversation: Conversation, upTo: number, answers: readonly string[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  conversation.turns.slice(0, upTo + 1).forEach((turn, i) => {
    messages.push({ role: 'user', content: turn.user });
    if (i < upTo) messages.push({ role: 'assistant', content: answers[i] ?? '' });
  });
  return messages;
}

/** Play the conversation turn by turn against the run's client. */
export async function runConversation(conversation: Conversation, { client, sampling, signal }: TaskContext): Promise<ConversationOutput> {
  const answers: string[] = [];
  const finishReasons: Array<string | null> = [];
  for (let turn = 0; turn < conversation.turns.length; turn++) {
    const result = await client.chat(buildTurnMessages(conversation, turn, answers), sampling, signal);
    answers.push(result.text);
    finishReasons.push(result.finishReason);
  }
  return { answers, finishReasons, text: answers.map((a, i) => `[Turn ${i + 1}]\n${a}`).join('\n\n') };
}
