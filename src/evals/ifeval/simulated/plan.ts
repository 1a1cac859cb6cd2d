import type { IfevalPrompt } from '../read-input.ts';
import type { Relation } from '../checkers/types.ts';

// What a prompt's instructions ask of an answer, gathered from their kwargs in one place, so the simulated answers
// (gold: follow every instruction; wrong: break every one) are built from one description.

/** A count that must be `at least` or `less than` a threshold. */
export interface CountRule {
  relation: Relation;
  threshold: number;
}

/** The instructions of one prompt, read as constraints on an answer. */
export interface AnswerPlan {
  language: string | null;
  letterCase: 'upper' | 'lower' | null;
  noComma: boolean;
  /** keywords:existence: each must appear. */
  keywords: string[];
  /** keywords:frequency. */
  frequencies: Array<CountRule & { keyword: string }>;
  forbidden: string[];
  letters: Array<CountRule & { letter: string }>;
  words: CountRule[];
  sentences: CountRule[];
  capitals: CountRule[];
  /** length_constraints:number_paragraphs: paragraphs split by `***`. */
  paragraphs: number | null;
  /** length_constraints:nth_paragraph_first_word: paragraphs split by blank lines. */
  nthParagraph: { count: number; nth: number; word: string } | null;
  sections: { splitter: string; count: number } | null;
  bullets: number | null;
  highlights: number;
  placeholders: number;
  title: boolean;
  json: boolean;
  twoResponses: boolean;
  repeat: string | null;
  endPhrase: string | null;
  quotation: boolean;
  constrained: boolean;
  postscript: string | null;
}

type Kwargs = Record<string, unknown>;

const str = (kwargs: Kwargs, key: string): string => String(kwargs[key] ?? '');
const num = (kwargs: Kwargs, key: string): number => Number(kwargs[key] ?? 0);
const rel = (kwargs: Kwargs, key: string): Relation => (kwargs[key] === 'less than' ? 'less than' : 'at least');

/** Read a prompt's instruction ids and kwargs into one plan. */
export function planAnswer(prompt: IfevalPrompt): AnswerPlan {
  const plan: AnswerPlan = {
    language: null,
    letterCase: null,
    noComma: false,
    keywords: [],
    frequencies: [],
    forbidden: [],
    letters: [],
    words: [],
    sentences: [],
    capitals: [],
    paragraphs: null,
    nthParagraph: null,
    sections: null,
    bullets: null,
    highlights: 0,
    placeholders: 0,
    title: false,
    json: false,
    twoResponses: false,
    repeat: null,
    endPhrase: null,
    quotation: false,
    constrained: false,
    postscript: null,
  };
  prompt.instruction_id_list.forEach((id, index) => {
    const k: Kwargs = prompt.kwargs[index] ?? {};
    switch (id) {
      case 'keywords:existence':
        plan.keywords.push(...((k.keywords as string[] | undefined) ?? []));
        break;
      case 'keywords:frequency':
        plan.frequencies.push({ keyword: str(k, 'keyword').trim(), threshold: num(k, 'frequency'), relation: rel(k, 'relation') });
        break;
      case 'keywords:forbidden_words':
        plan.forbidden.push(...((k.forbidden_words as string[] | undefined) ?? []));
        break;
      case 'keywords:letter_frequency':
        plan.letters.push({
          letter: str(k, 'letter').trim().toLowerCase(),
          threshold: num(k, 'let_frequency'),
          relation: rel(k, 'let_relation'),
        });
        break;
      case 'language:response_language':
        plan.language = str(k, 'language');
        break;
      case 'length_constraints:number_sentences':
        plan.sentences.push({ threshold: num(k, 'num_sentences'), relation: rel(k, 'relation') });
        break;
      case 'length_constraints:number_paragraphs':
        plan.paragraphs = num(k, 'num_paragraphs');
        break;
      case 'length_constraints:number_words':
        plan.words.push({ threshold: num(k, 'num_words'), relation: rel(k, 'relation') });
        break;
      case 'length_constraints:nth_paragraph_first_word':
        plan.nthParagraph = { count: num(k, 'num_paragraphs'), nth: num(k, 'nth_paragraph'), word: str(k, 'first_word') };
        break;
      case 'detectable_content:number_placeholders':
        plan.placeholders = num(k, 'num_placeholders');
        break;
      case 'detectable_content:postscript':
        plan.postscript = str(k, 'postscript_marker').trim();
        break;
      case 'detectable_format:number_bullet_lists':
        plan.bullets = num(k, 'num_bullets');
        break;
      case 'detectable_format:constrained_response':
        plan.constrained = true;
        break;
      case 'detectable_format:number_highlighted_sections':
        plan.highlights = num(k, 'num_highlights');
        break;
      case 'detectable_format:multiple_sections':
        plan.sections = { splitter: str(k, 'section_spliter').trim(), count: num(k, 'num_sections') };
        break;
      case 'detectable_format:json_format':
        plan.json = true;
        break;
      case 'detectable_format:title':
        plan.title = true;
        break;
      case 'combination:two_responses':
        plan.twoResponses = true;
        break;
      case 'combination:repeat_prompt':
        plan.repeat = str(k, 'prompt_to_repeat');
        break;
      case 'startend:end_checker':
        plan.endPhrase = str(k, 'end_phrase').trim();
        break;
      case 'change_case:capital_word_frequency':
        plan.capitals.push({ threshold: num(k, 'capital_frequency'), relation: rel(k, 'capital_relation') });
        break;
      case 'change_case:english_capital':
        plan.letterCase = 'upper';
        break;
      case 'change_case:english_lowercase':
        plan.letterCase = 'lower';
        break;
      case 'punctuation:no_comma':
        plan.noComma = true;
        break;
      case 'startend:quotation':
        plan.quotation = true;
        break;
    }
  });
  return plan;
}

/** The smallest count that satisfies every rule, and one past the largest (null: no upper bound). */
export function countRange(rules: readonly CountRule[]): { min: number; max: number | null } {
  let min = 0;
  let max: number | null = null;
  for (const rule of rules) {
    if (rule.relation === 'at least') min = Math.max(min, rule.threshold);
    else max = max === null ? rule.threshold - 1 : Math.min(max, rule.threshold - 1);
  }
  return { min, max };
}
