import { z } from 'zod';

// The BFCL v4 single-turn categories this harness scores, and how BFCL treats each one.

/** Category names, as in BFCL's file names (`BFCL_v4_<category>.json`) and ids (`<category>_<n>`). */
export const BFCL_CATEGORIES = [
  'simple_python',
  'simple_java',
  'simple_javascript',
  'multiple',
  'parallel',
  'parallel_multiple',
  'irrelevance',
  'live_simple',
  'live_multiple',
  'live_parallel',
  'live_parallel_multiple',
  'live_irrelevance',
  'live_relevance',
] as const;

export const BfclCategorySchema = z.enum(BFCL_CATEGORIES);
/** One BFCL category. */
export type BfclCategory = z.infer<typeof BfclCategorySchema>;

/** Language of a category's function docs; Java and JavaScript values arrive as strings and are converted. */
export type BfclLanguage = 'python' | 'java' | 'javascript';

/** What a category checks: AST match against possible answers, or only whether a call decodes. */
export type BfclCheckKind = 'ast' | 'irrelevance' | 'relevance';

// BFCL picks these by substring of the category name; spelled out here.
const LANGUAGES: Partial<Record<BfclCategory, BfclLanguage>> = { simple_java: 'java', simple_javascript: 'javascript' };

/** Language BFCL's checker uses for a category. */
export function languageOf(category: BfclCategory): BfclLanguage {
  return LANGUAGES[category] ?? 'python';
}

/** How a category is scored. */
export function checkKindOf(category: BfclCategory): BfclCheckKind {
  if (category.endsWith('irrelevance')) return 'irrelevance';
  if (category.endsWith('relevance')) return 'relevance';
  return 'ast';
}

/** True for the live (user-contributed) categories. */
export function isLiveCategory(category: BfclCategory): boolean {
  return category.startsWith('live_');
}

/** Category of a BFCL id: everything before the last `_` (`live_simple_3-2-1` is `live_simple`). */
export function categoryOfId(id: string): BfclCategory | undefined {
  const parsed = BfclCategorySchema.safeParse(id.slice(0, id.lastIndexOf('_')));
  return parsed.success ? parsed.data : undefined;
}
