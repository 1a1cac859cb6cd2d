import type { ChatMessage, ToolCall } from '../../../src/runtime/client/chat.ts';
import type { SimRule } from '../../../src/shared/simulation-rules.ts';
import { createFakeClient, type FakeClient } from '../../helpers/fake-client.ts';

// A client that answers from simulator script rules the way the simulated vLLM matches them (the `anyMessage` text
// in the transcript, the transcript's end, tools offered) and returns scripted calls as parsed tool calls.
export function scriptClient(rules: readonly SimRule[]): FakeClient {
  let next = 0;
  return createFakeClient({
    answer: (messages: ChatMessage[], options) => {
      const transcript = messages.map((m) => m.content ?? '').join('\n');
      const rule = rules.find(
        (r) =>
          (r.match.anyMessage === undefined || transcript.includes(r.match.anyMessage)) &&
          (r.match.endsWith === undefined || transcript.endsWith(r.match.endsWith)) &&
          (r.match.tools === undefined || r.match.tools === Boolean(options?.tools?.length)),
      );
      if (!rule) return 'I am a simulated model and have no scripted answer.';
      const toolCalls: ToolCall[] = (rule.toolCalls ?? []).map((call) => ({
        id: `call-${next++}`,
        type: 'function',
        function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments) },
      }));
      return { text: rule.response ?? '', toolCalls };
    },
  });
}
