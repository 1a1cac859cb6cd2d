import type { z } from 'zod';
import { ScorerError } from '../../shared/errors.ts';
import {
  checkCapitalWordFrequency,
  CapitalWordFrequencyKwargs,
  checkEnglishCapital,
  checkEnglishLowercase,
} from './checkers/change-case.ts';
import { checkRepeatPrompt, checkTwoResponses, RepeatPromptKwargs } from './checkers/combination.ts';
import { checkNumberPlaceholders, checkPostscript, NumberPlaceholdersKwargs, PostscriptKwargs } from './checkers/content.ts';
import {
  checkConstrainedResponse,
  checkJsonFormat,
  checkMultipleSections,
  checkNumberBulletLists,
  checkNumberHighlightedSections,
  checkTitle,
  MultipleSectionsKwargs,
  NoKwargs,
  NumberBulletListsKwargs,
  NumberHighlightedSectionsKwargs,
} from './checkers/format.ts';
import {
  checkExistence,
  checkForbiddenWords,
  checkFrequency,
  checkLetterFrequency,
  ExistenceKwargs,
  ForbiddenWordsKwargs,
  FrequencyKwargs,
  LetterFrequencyKwargs,
} from './checkers/keywords.ts';
import { checkResponseLanguage, ResponseLanguageKwargs } from './checkers/language.ts';
import {
  checkNthParagraphFirstWord,
  checkNumberParagraphs,
  checkNumberSentences,
  checkNumberWords,
  NthParagraphFirstWordKwargs,
  NumberParagraphsKwargs,
  NumberSentencesKwargs,
  NumberWordsKwargs,
} from './checkers/length.ts';
import { checkNoComma } from './checkers/punctuation.ts';
import { checkEndPhrase, checkQuotation, EndCheckerKwargs } from './checkers/startend.ts';
import type { Check, CheckContext } from './checkers/types.ts';

// The 25 registered instructions of `instructions_registry.INSTRUCTION_DICT`, each with the kwargs
// schema of its `build_description` and the checker built from them.

interface InstructionSpec {
  kwargs: z.ZodType;
  build: (kwargs: never, context: CheckContext) => Check;
}

const spec = <S extends z.ZodType>(kwargs: S, build: (kwargs: z.output<S>, context: CheckContext) => Check): InstructionSpec => ({
  kwargs,
  build: build as InstructionSpec['build'],
});

/** Every registered instruction id, with its kwargs schema and checker factory. */
export const INSTRUCTIONS = {
  'keywords:existence': spec(ExistenceKwargs, checkExistence),
  'keywords:frequency': spec(FrequencyKwargs, checkFrequency),
  'keywords:forbidden_words': spec(ForbiddenWordsKwargs, checkForbiddenWords),
  'keywords:letter_frequency': spec(LetterFrequencyKwargs, checkLetterFrequency),
  'language:response_language': spec(ResponseLanguageKwargs, checkResponseLanguage),
  'length_constraints:number_sentences': spec(NumberSentencesKwargs, checkNumberSentences),
  'length_constraints:number_paragraphs': spec(NumberParagraphsKwargs, checkNumberParagraphs),
  'length_constraints:number_words': spec(NumberWordsKwargs, checkNumberWords),
  'length_constraints:nth_paragraph_first_word': spec(NthParagraphFirstWordKwargs, checkNthParagraphFirstWord),
  'detectable_content:number_placeholders': spec(NumberPlaceholdersKwargs, checkNumberPlaceholders),
  'detectable_content:postscript': spec(PostscriptKwargs, checkPostscript),
  'detectable_format:number_bullet_lists': spec(NumberBulletListsKwargs, checkNumberBulletLists),
  'detectable_format:constrained_response': spec(NoKwargs, checkConstrainedResponse),
  'detectable_format:number_highlighted_sections': spec(NumberHighlightedSectionsKwargs, checkNumberHighlightedSections),
  'detectable_format:multiple_sections': spec(MultipleSectionsKwargs, checkMultipleSections),
  'detectable_format:json_format': spec(NoKwargs, checkJsonFormat),
  'detectable_format:title': spec(NoKwargs, checkTitle),
  'combination:two_responses': spec(NoKwargs, checkTwoResponses),
  'combination:repeat_prompt': spec(RepeatPromptKwargs, checkRepeatPrompt),
  'startend:end_checker': spec(EndCheckerKwargs, checkEndPhrase),
  'change_case:capital_word_frequency': spec(CapitalWordFrequencyKwargs, checkCapitalWordFrequency),
  'change_case:english_capital': spec(NoKwargs, (_, context) => checkEnglishCapital(context)),
  'change_case:english_lowercase': spec(NoKwargs, (_, context) => checkEnglishLowercase(context)),
  'punctuation:no_comma': spec(NoKwargs, checkNoComma),
  'startend:quotation': spec(NoKwargs, checkQuotation),
} as const satisfies Record<string, InstructionSpec>;

/** A registered IFEval instruction id, e.g. `punctuation:no_comma`. */
export type InstructionId = keyof typeof INSTRUCTIONS;

/** All 25 instruction ids, in the reference registry's order. */
export const INSTRUCTION_IDS = Object.keys(INSTRUCTIONS) as InstructionId[];

/**
 * Build the checker of one instruction from its kwargs. Unknown ids and kwargs the reference would
 * replace by random values are errors (a harness or dataset bug, never a model failure).
 */
export function buildCheck(id: string, kwargs: Record<string, unknown>, context: CheckContext): Check {
  if (!Object.hasOwn(INSTRUCTIONS, id)) {
    throw new ScorerError(`Unknown IFEval instruction id \`${id}\`; expected one of the 25 registered ids (see INSTRUCTION_IDS).`);
  }
  const instruction: InstructionSpec = INSTRUCTIONS[id as InstructionId];
  const parsed = instruction.kwargs.safeParse(kwargs);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(kwargs)'}: ${i.message}`).join('; ');
    throw new ScorerError(`Invalid kwargs for IFEval instruction \`${id}\`: ${issues}. Received ${JSON.stringify(kwargs)}.`);
  }
  return instruction.build(parsed.data as never, context);
}
