import type { Choice } from '../../scorers/choice/extract-choice.ts';

// Synthetic chat answers for the pipeline self-check. Each first discusses another option by its label, so an
// extractor that takes the first label mentioned fails the check.

// Stable small hash of a case id, to vary the format per case without randomness.
function hashId(id: string): number {
  let hash = 2166136261;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

// Render one of several answer formats that ends on `final` after mentioning `other`.
function renderAnswer(final: Choice, other: Choice, hash: number): string {
  switch (hash % 5) {
    case 0:
      return `Let's consider each option.\n\n(${other.label}) ${other.text} — this does not fit the question.\n\n(${final.label}) ${final.text} — this is consistent with the evidence.\n\nAnswer: ${final.label}`;
    case 1:
      return `Option ${other.label} is tempting, but it ignores a key detail.\n\nThe correct answer is **${final.label}**.`;
    case 2:
      return `Reasoning step by step, ${other.label}) "${other.text}" can be ruled out.\n\n**Answer:** ${final.label}) ${final.text}`;
    case 3:
      return `At first glance one might pick (${other.label}), but that is a common misconception.\n\nThe answer is (${final.label}).`;
    default:
      return `Eliminating ${other.label} first, the remaining evidence points to a single option.\n\n**${final.label}**`;
  }
}

// The option to discuss before the final one.
function pickOther(choices: readonly Choice[], final: Choice, hash: number): Choice {
  const others = choices.filter((c) => c.label !== final.label);
  return others[hash % others.length] ?? final;
}

/** A realistic chat answer ending on the gold label (self-check: must score 1). */
export function buildChoiceGoldResponse(choices: readonly Choice[], goldLabel: string, caseId: string): string {
  const hash = hashId(caseId);
  const gold = choices.find((c) => c.label === goldLabel) ?? { label: goldLabel, text: '' };
  return renderAnswer(gold, pickOther(choices, gold, hash), hash);
}

/** A realistic chat answer that mentions the gold label first but ends on another one (must score 0). */
export function buildChoiceWrongResponse(choices: readonly Choice[], goldLabel: string, caseId: string): string {
  const hash = hashId(caseId);
  const gold = choices.find((c) => c.label === goldLabel) ?? { label: goldLabel, text: '' };
  const wrong = pickOther(choices, gold, hash);
  return renderAnswer(wrong, gold, hash);
}
