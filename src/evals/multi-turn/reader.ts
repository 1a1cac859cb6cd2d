import { z } from 'zod';

// The multi-turn conversations the package ships (conversations.jsonl): user turns in order; a checked turn lists
// the exact facts its answer must contain and, for facts corrected later, the stale values it must not.

/** One fact: a string, or alternatives any of which counts (`["6", "six"]`). */
export const FactSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
export type Fact = z.infer<typeof FactSchema>;

/** One user turn; `expect` makes it a checked turn. */
export const ConversationTurnSchema = z.strictObject({
  user: z.string().min(1),
  /** Facts the answer must all contain (case-insensitive, whole words). */
  expect: z.array(FactSchema).min(1).optional(),
  /** Facts the answer must not contain: values an earlier turn gave and a later one replaced. */
  forbid: z.array(FactSchema).optional(),
});
export type ConversationTurn = z.infer<typeof ConversationTurnSchema>;

/** One conversation: its id, what it tests, and its turns. */
export const ConversationSchema = z
  .strictObject({
    id: z.string().regex(/^conv-\d{3}$/),
    topic: z.string().min(1),
    turns: z.array(ConversationTurnSchema).min(2),
  })
  .refine((c) => c.turns.some((t) => t.expect) && !c.turns[0]!.expect, {
    message: 'a conversation gives facts first and checks at least one later turn',
  });
export type Conversation = z.infer<typeof ConversationSchema>;
