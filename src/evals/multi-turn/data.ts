import { shippedJsonl } from '../shipped-data.ts';
import { ConversationSchema } from './reader.ts';

/** The shipped conversations (60, 110 checked turns), read from this folder. */
export const conversationsSource = shippedJsonl(
  new URL('./conversations.jsonl', import.meta.url),
  ConversationSchema,
  'multi-turn conversations (shipped)',
);
