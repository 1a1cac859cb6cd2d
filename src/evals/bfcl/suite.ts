import { evalDefinition, type AnyEvalDefinition } from '../../runtime/define-eval.ts';
import type { ChatMessage } from '../../shared/chat-message.ts';
import type { RunContext } from '../../shared/context.ts';
import { bfclSource } from './data.ts';
import { buildQwenPrompt } from './qwen-prompt.ts';
import type { BfclCase } from './read-dataset.ts';
import { bfclScorer, describeBfclExpected, type BfclOutput } from './suite-score.ts';
import { buildToolsRequest } from './tools-request.ts';
import { BFCL_DEFAULT_VARIANTS, parseBfclVariant } from './variants.ts';

/** The kind of suite BFCL is, for the tracker's "Function calling and agents" section. */
export const BFCL_KIND = 'function_calling';

const MODE_LABELS = { tools: 'OpenAI tools API via vLLM tool parser', qwen_text: "BFCL's Qwen prompt on /v1/completions" } as const;

// The question's turn as chat messages (BFCL's single-turn questions hold system and user messages only).
function toolsMessages(item: BfclCase): ChatMessage[] {
  return buildToolsRequest(item).messages as ChatMessage[];
}

// A tools-mode answer as text for the record: the content, then the calls as the server returned them.
function renderToolsAnswer(output: BfclOutput): string {
  const calls = 'toolCalls' in output ? output.toolCalls : [];
  if (calls.length === 0) return output.text;
  const listed = calls.map((call) => `${call.function.name}(${call.function.arguments})`).join('; ');
  return `${output.text}${output.text ? '\n' : ''}[tool calls] ${listed}`;
}

/** BFCL v4, one suite per configured variant: a category asked through the tools API, or with BFCL's Qwen prompt. */
export function bfclEvals(run: Pick<RunContext, 'variants'>): AnyEvalDefinition[] {
  return (run.variants.bfcl ?? BFCL_DEFAULT_VARIANTS).map((variant) => {
    const { category, mode } = parseBfclVariant(variant);
    const common = {
      name: 'bfcl',
      variant,
      label: `BFCL ${category} (${MODE_LABELS[mode]})`,
      kind: BFCL_KIND,
      data: bfclSource(category),
      expected: describeBfclExpected,
      scorers: [bfclScorer(mode)],
    };
    if (mode === 'qwen_text') return evalDefinition<BfclCase, BfclOutput>({ ...common, prompt: (item) => buildQwenPrompt(item) });
    return evalDefinition<BfclCase, BfclOutput>({
      ...common,
      toolCalling: true,
      prompt: toolsMessages,
      response: renderToolsAnswer,
      // Four live_irrelevance questions offer no function: they go without `tools` (vLLM refuses `tools: []`).
      task: async (item, { client, sampling, signal }) => {
        const request = buildToolsRequest(item);
        const options = request.tools.length > 0 ? { tools: request.tools } : undefined;
        const answer = await client.chat(request.messages as ChatMessage[], sampling, signal, options);
        return { ...answer, originalNames: Object.fromEntries(request.originalNames) };
      },
    });
  });
}
