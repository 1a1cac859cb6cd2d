import { z } from 'zod';

/** Decides whether one response follows one instruction. */
export type Check = (response: string) => boolean;

/** What a checker may use besides its kwargs. */
export interface CheckContext {
  /** Language detection: a language code, or `null` where langdetect raises (no usable n-grams). */
  detectLanguage: (text: string) => string | null;
}

/** IFEval's comparison relations (`_COMPARISON_RELATION`). */
export const RelationSchema = z.enum(['less than', 'at least']);
export type Relation = z.infer<typeof RelationSchema>;

/** `count < threshold` for "less than", `count >= threshold` for "at least". */
export function compareCount(count: number, relation: Relation, threshold: number): boolean {
  return relation === 'less than' ? count < threshold : count >= threshold;
}
