import { wordTokenize } from '../nltk/word-tokenize.ts';
import { pyIsUpper } from '../python-text.ts';
import type { IfevalPrompt } from '../read-input.ts';
import { scoreResponse, type IfevalScore } from '../score-response.ts';
import { countRange, planAnswer, type AnswerPlan } from './plan.ts';
import { createWriter, type Writer } from './writer.ts';

// Gold answers for the simulated vLLM: text built to follow every instruction of a prompt, then checked with the
// real checkers; a few lengths and word choices are tried until one follows them all.

/** Shape of one attempt: filler sentences, words per sentence, word choice. */
interface Attempt {
  sentences: number;
  wordsPerSentence: number;
  variant: number;
}

/** A gold answer, with its strict and loose verdicts. */
export interface GoldAnswer {
  response: string;
  /** Every instruction followed strictly (hence loosely too). */
  followsAll: boolean;
  score: IfevalScore;
}

/** Attempts tried after the last one that followed more instructions, before the best so far is taken. */
const PATIENCE = 24;

/**
 * An answer to an IFEval prompt that follows every instruction (strict, hence loose), or the closest attempt with
 * `followsAll` false when none of the tried shapes does (see the README for the prompts where that is impossible).
 */
export function buildGoldAnswer(prompt: IfevalPrompt): GoldAnswer {
  const plan = planAnswer(prompt);
  let best: { response: string; score: IfevalScore; followed: number } | null = null;
  let sinceBest = 0;
  for (const attempt of attemptsFor(plan)) {
    const response = composeGold(plan, attempt);
    const score = scoreResponse(prompt, response);
    if (score.strict.follow_all_instructions) return { response, followsAll: true, score };
    const followed = score.strict.follow_instruction_list.filter(Boolean).length;
    if (!best || followed > best.followed) {
      best = { response, score, followed };
      sinceBest = 0;
    } else if (++sinceBest >= PATIENCE) break;
  }
  return { response: best!.response, followsAll: false, score: best!.score };
}

// Candidate shapes, most likely first: lengths from the count instructions, then other word choices.
function* attemptsFor(plan: AnswerPlan): Generator<Attempt> {
  const words = countRange(plan.words);
  const sentences = countRange(plan.sentences);
  const paragraphs = paragraphCount(plan);
  let sentenceCounts: number[];
  if (sentences.min > 0) sentenceCounts = [sentences.min + 2, sentences.min + 5, sentences.min];
  else if (sentences.max !== null) sentenceCounts = [Math.max(paragraphs, Math.min(3, sentences.max - 3)), paragraphs, 1];
  else sentenceCounts = [Math.max(paragraphs, 4), Math.max(paragraphs, 8), paragraphs];
  for (let variant = 0; variant < 6; variant++) {
    for (const count of new Set(sentenceCounts.map((n) => Math.max(1, n)))) {
      let perSentence: number[];
      if (words.min > 0) {
        const need = Math.ceil((words.min * (plan.twoResponses ? 0.6 : 1.05) + 10) / count);
        perSentence = [need, need + 8, need * 2];
      } else if (words.max !== null) {
        const room = Math.floor((words.max * (plan.twoResponses ? 0.4 : 0.7) - 12) / count);
        perSentence = [room, Math.floor(room / 2), 3];
      } else perSentence = [8, 12, 5];
      for (const n of new Set(perSentence.map((p) => Math.max(2, p)))) yield { sentences: count, wordsPerSentence: n, variant };
    }
  }
}

function paragraphCount(plan: AnswerPlan): number {
  return plan.paragraphs ?? plan.nthParagraph?.count ?? plan.sections?.count ?? 1;
}

// The whole answer for one attempt: a draft, then the same with sentences that top up capital words and letters.
function composeGold(plan: AnswerPlan, attempt: Attempt): string {
  const draft = composeAll(plan, attempt, []);
  return composeAll(plan, attempt, topUpSentences(plan, draft, writerFor(plan, attempt.variant + 1)));
}

function writerFor(plan: AnswerPlan, variant: number): Writer {
  return createWriter({
    language: plan.language,
    bannedLetters: plan.letters.filter((l) => l.relation === 'less than').map((l) => l.letter),
    bannedText: [...plan.forbidden, ...plan.frequencies.filter((f) => f.relation === 'less than').map((f) => f.keyword)],
    variant,
  });
}

function composeAll(plan: AnswerPlan, attempt: Attempt, extra: readonly string[]): string {
  let text: string;
  if (plan.twoResponses) {
    const first = composeOne(plan, attempt, writerFor(plan, attempt.variant), extra, { first: true, last: false });
    const second = composeOne(plan, attempt, writerFor(plan, attempt.variant + 3), [], { first: false, last: true });
    text = `${first}\n******\n${second}`;
  } else text = composeOne(plan, attempt, writerFor(plan, attempt.variant), extra, { first: true, last: true });
  if (plan.json) text = JSON.stringify({ answer: text }, null, 2);
  if (plan.quotation) text = `"${text}"`;
  if (plan.letterCase === 'lower') text = text.toLowerCase();
  if (plan.letterCase === 'upper') text = text.toUpperCase();
  return text;
}

// One response: optional repeated request, title and options line, the paragraphs, postscript and closing phrase.
function composeOne(
  plan: AnswerPlan,
  attempt: Attempt,
  w: Writer,
  extra: readonly string[],
  where: { first: boolean; last: boolean },
): string {
  const count = paragraphCount(plan);
  const paragraphs: string[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < Math.max(attempt.sentences, count); i++) paragraphs[i % count]!.push(w.sentence(attempt.wordsPerSentence));
  const lead = paragraphs[0]!;
  lead.push(...extra);
  for (const keyword of plan.keywords) lead.push(`${capitalise(w.word())} ${keyword} ${w.word()}.`);
  for (const f of plan.frequencies.filter((x) => x.relation === 'at least')) {
    lead.push(`${capitalise(w.word())} ${Array.from({ length: f.threshold + 1 }, () => f.keyword).join(' and ')}.`);
  }
  if (plan.highlights > 0)
    lead.push(`${capitalise(w.word())} ${Array.from({ length: plan.highlights }, () => `*${w.word()}*`).join(' ')}.`);
  if (plan.placeholders > 0)
    lead.push(`${capitalise(w.word())} ${Array.from({ length: plan.placeholders }, () => `[${w.word()}]`).join(' ')}.`);
  const blocks = paragraphs.map((sentences) => sentences.join(' '));
  if (plan.nthParagraph) {
    const index = plan.nthParagraph.nth - 1;
    blocks[index] = `${capitalise(plan.nthParagraph.word)} ${blocks[index]}`;
  }
  if (plan.bullets !== null && plan.bullets > 0) {
    const bullets = Array.from({ length: plan.bullets }, () => `* ${capitalise(w.word())} ${w.word()} ${w.word()}.`);
    blocks[blocks.length - 1] += `\n${bullets.join('\n')}`;
  }
  const sections = plan.sections;
  const headed = sections ? blocks.map((block, i) => `${sections.splitter} ${i + 1}\n${block}`) : blocks;
  let body = headed.join(plan.paragraphs !== null ? '\n***\n' : '\n\n');
  if (where.last && plan.postscript) body += `\n${plan.postscript === 'P.S.' ? 'P.S.' : `${plan.postscript}.`} ${w.sentence(4)}`;
  if (where.last && plan.endPhrase) body += `\n${plan.endPhrase}`;
  const head: string[] = [];
  if (where.first && plan.repeat) head.push(`${plan.repeat}\n`);
  if (where.first && plan.title) head.push(`<<${capitalise(w.word())} ${capitalise(w.word())}>>`);
  if (where.first && plan.constrained) head.push('My answer is yes.');
  return [...head, body].join('\n');
}

// Sentences that add what the draft lacks: capital words, and letters asked for at least N times.
function topUpSentences(plan: AnswerPlan, draft: string, w: Writer): string[] {
  const extra: string[] = [];
  const capitals = countRange(plan.capitals);
  const haveCapitals = wordTokenize(draft).filter(pyIsUpper).length;
  if (capitals.min > haveCapitals && plan.letterCase !== 'upper') {
    extra.push(`${Array.from({ length: capitals.min - haveCapitals + 1 }, () => w.word().toUpperCase()).join(' ')}.`);
  }
  for (const rule of plan.letters.filter((l) => l.relation === 'at least')) {
    const have = [...draft.toLowerCase()].filter((c) => c === rule.letter).length;
    if (have >= rule.threshold) continue;
    const pool = w.wordsWith(rule.letter);
    const words: string[] = [];
    for (let found = 0, i = 0; found <= rule.threshold - have; i++) {
      const word = pool.length ? pool[i % pool.length]! : `${w.word()}${rule.letter}`;
      words.push(word);
      found += [...word].filter((c) => c === rule.letter).length;
    }
    extra.push(`${capitalise(words.join(' '))}.`);
  }
  return extra;
}

function capitalise(word: string): string {
  return word ? `${word[0]!.toUpperCase()}${word.slice(1)}` : word;
}
