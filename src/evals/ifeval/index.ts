// IFEval scoring core: reader, pin, the 25 checkers, strict/loose scoring and the four metrics.
export { IFEVAL_INPUT_PIN } from './pins.ts';
export { readIfevalInput, IfevalPromptSchema, type IfevalPrompt, type InstructionKwargs } from './read-input.ts';
export { INSTRUCTIONS, INSTRUCTION_IDS, buildCheck, type InstructionId } from './registry.ts';
export { scoreResponse, IfevalVerdictSchema, type IfevalVerdict, type IfevalScore, type ScoreResponseOptions } from './score-response.ts';
export { computeIfevalMetrics, accuracyByInstruction, type Accuracy, type IfevalMetrics } from './metrics.ts';
export { looseVariants } from './loose-variants.ts';
export { detectLanguage, DEFAULT_LANGDETECT_SEED } from './langdetect/detect-language.ts';
export { countSentences, splitSentences } from './nltk/punkt.ts';
export { wordTokenize } from './nltk/word-tokenize.ts';
export type { Check, CheckContext } from './checkers/types.ts';
