import type { IfevalPrompt } from '../read-input.ts';
import { scoreResponse } from '../score-response.ts';
import { countRange, planAnswer, type AnswerPlan } from './plan.ts';
import { createWriter } from './writer.ts';

// Wrong answers for the simulated vLLM: text built to break every instruction of a prompt, strictly and loosely
// (the loose variants drop the first and last lines, so the counts that must be broken upwards live in the middle).
// Where two instructions of one prompt pull a count both ways (at least 5 and less than 11 capital words), no text
// breaks both; the answer is then empty, which IFEval scores as following nothing.

/** The empty answer used when no text can break every instruction. */
export const EMPTY_ANSWER = '';

/** An answer to an IFEval prompt that follows none of its instructions, strict or loose. */
export function buildWrongAnswer(prompt: IfevalPrompt): string {
  const plan = planAnswer(prompt);
  for (let variant = 0; variant < 3; variant++) {
    const response = composeWrong(plan, variant);
    if (response === null) break;
    const { strict, loose } = scoreResponse(prompt, response);
    if (!strict.follow_instruction_list.some(Boolean) && !loose.follow_instruction_list.some(Boolean)) return response;
  }
  return EMPTY_ANSWER;
}

// A count that breaks every rule: under each "at least", or at or over each "less than"; null when none does.
function breakingCount(rules: AnswerPlan['words']): { below: number | null; over: number | null } | null {
  if (rules.length === 0) return { below: null, over: null };
  const { min, max } = countRange(rules.map((r) => ({ ...r, relation: r.relation === 'at least' ? 'less than' : 'at least' })));
  // Inverted rules: at least `min` (the broken "less than"s) and below `max + 1` (the broken "at least"s).
  if (max !== null && min > max) return null;
  return { below: max === null ? null : max, over: min > 0 ? min : null };
}

// The text, or null when the prompt's own rules make breaking all of them impossible.
function composeWrong(plan: AnswerPlan, variant: number): string | null {
  const words = breakingCount(plan.words);
  const sentences = breakingCount(plan.sentences);
  const capitals = breakingCount(plan.capitals);
  if (!words || !sentences || !capitals) return null;
  const lettersOver = plan.letters.filter((l) => l.relation === 'less than');
  const lettersUnder = plan.letters.filter((l) => l.relation === 'at least').map((l) => l.letter);
  const w = createWriter({
    language: 'en',
    bannedLetters: lettersUnder,
    bannedText: [
      ...plan.keywords,
      ...plan.frequencies.filter((f) => f.relation === 'at least').map((f) => f.keyword),
      ...(plan.endPhrase ? [plan.endPhrase.split(/\s+/).at(-1)!.replace(/\W/g, '')] : []),
    ],
    variant,
  });
  // Few short sentences when counts must stay low, many in the middle lines when they must go high.
  const lowWords = words.below !== null ? Math.max(1, Math.min(words.below - 2, 40)) : null;
  const wantSentences = sentences.over !== null ? sentences.over + 4 : 4;
  const perSentence =
    words.over !== null
      ? Math.ceil((words.over + 30) / wantSentences)
      : lowWords !== null
        ? Math.max(1, Math.floor(lowWords / (wantSentences + 4)))
        : 6;
  const middle: string[] = [];
  for (let i = 0; i < wantSentences; i++) {
    let sentence = w.sentence(perSentence);
    if (plan.noComma) sentence = sentence.replace(' ', ', ');
    middle.push(sentence);
  }
  const extra: string[] = [];
  for (const f of plan.frequencies.filter((x) => x.relation === 'less than')) extra.push(repeatWord(f.keyword, f.threshold + 2));
  if (plan.forbidden.length) extra.push(`${plan.forbidden.join(' ')}.`);
  for (const l of lettersOver) extra.push(`${l.letter.repeat(l.threshold + 2)}.`);
  if (capitals.over !== null) extra.push(`${Array.from({ length: capitals.over + 2 }, () => w.word().toUpperCase()).join(' ')}.`);
  if (plan.bullets === 0) extra.push('- one more point.');
  // Too few sentences: everything in one. Else one line per sentence in the middle, with short first and last lines
  // that the loose variants may drop.
  const lines =
    sentences.below !== null
      ? [`${[...middle, ...extra].map((x) => x.replace(/[.]$/, '')).join(' ')}.`]
      : ['Well.', ...middle, ...extra, 'Bye.'];
  // One paragraph (no divider, no blank line) unless one paragraph is what was asked.
  let text = plan.paragraphs === 1 ? `${lines.join('\n')}\n***\nMore.` : lines.join(plan.nthParagraph?.count === 1 ? '\n\n' : '\n');
  if (plan.letterCase === 'upper') text = text.toLowerCase();
  return text;
}

function repeatWord(word: string, times: number): string {
  return `${Array.from({ length: times }, () => word).join(' ')}.`;
}
