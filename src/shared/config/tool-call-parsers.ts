// vLLM v0.21's `--tool-call-parser` names (shared/vllm/serve-flags.tsv), and the parser a model gets by default.

/** Every tool parser vLLM v0.21 registers; a plugin (`--tool-parser-plugin` in `extraArgs`) may add others. */
export const VLLM_TOOL_CALL_PARSERS = [
  'apertus',
  'cohere_command3',
  'cohere_command4',
  'deepseek_v3',
  'deepseek_v31',
  'deepseek_v32',
  'deepseek_v4',
  'ernie45',
  'functiongemma',
  'gemma4',
  'gigachat3',
  'glm45',
  'glm47',
  'granite',
  'granite-20b-fc',
  'granite4',
  'hermes',
  'hunyuan_a13b',
  'hy_v3',
  'internlm',
  'jamba',
  'kimi_k2',
  'lfm2',
  'llama3_json',
  'llama4_json',
  'llama4_pythonic',
  'longcat',
  'mimo',
  'minimax',
  'minimax_m2',
  'mistral',
  'olmo3',
  'openai',
  'phi4_mini_json',
  'poolside_v1',
  'pythonic',
  'qwen3_coder',
  'qwen3_xml',
  'seed_oss',
  'step3',
  'step3p5',
  'xlam',
] as const;

// Qwen2.5 and Qwen3 chat models write Hermes-style `<tool_call>` blocks (Qwen's function-calling guide: `hermes`).
const HERMES_MODELS = /qwen2\.5|qwen3|qwq/i;

/** The parser a model id gets when its config names none: `hermes` for Qwen2.5/Qwen3, else null (it must be named). */
export function defaultToolCallParser(modelId: string): string | null {
  return HERMES_MODELS.test(modelId) && !/coder/i.test(modelId) ? 'hermes' : null;
}

/** The flags `vllm serve` needs for tool calls with `parser`. */
export function toolCallingArgs(parser: string): string[] {
  return ['--enable-auto-tool-choice', '--tool-call-parser', parser];
}
