// lm-evaluation-harness's HellaSwag text preprocessing (`lm_eval/tasks/hellaswag/utils.py`).

/** A raw HellaSwag record's fields that enter the query. */
export interface HellaswagRawDoc {
  activity_label: string;
  ctx_a: string;
  ctx_b: string;
}

/**
 * lm-eval's `preprocess`: strip, ` [title]` -> `. `, delete every `[...]` (WikiHow artifacts), then replace each
 * double space by one (a single non-overlapping pass, as Python's `str.replace`).
 * @example preprocessHellaswagText('Food: [header] How to x [title] Do y.') // 'Food: How to x. Do y.'
 */
export function preprocessHellaswagText(text: string): string {
  return text
    .trim()
    .replaceAll(' [title]', '. ')
    .replace(/\[.*?\]/g, '')
    .replaceAll('  ', ' ');
}

/** Python's `str.capitalize`: first character upper case, the rest lower case. */
export function capitalizePython(text: string): string {
  const [first = '', ...rest] = [...text];
  return first.toUpperCase() + rest.join('').toLowerCase();
}

/** lm-eval's query for a raw record: `preprocess(activity_label + ': ' + ctx_a + ' ' + ctx_b.capitalize())`. */
export function buildHellaswagQuery(doc: HellaswagRawDoc): string {
  return preprocessHellaswagText(`${doc.activity_label}: ${doc.ctx_a} ${capitalizePython(doc.ctx_b)}`);
}

/**
 * Approximate lm-eval's query from the derived file's `activity_label: ctx`, which lost the ctx_a/ctx_b split:
 * when the text after the last sentence end starts with a lower-case letter, that fragment is taken as `ctx_b`
 * and its first letter is upper-cased (ActivityNet items, `... on a roof. he` -> `... on a roof. He`). Not
 * reproduced: `capitalize()` also lower-cases the rest of `ctx_b`, and a `ctx_b` that starts a sentence
 * with a capital is left as is.
 */
export function reconstructHellaswagQuery(storedContext: string): string {
  const text = preprocessHellaswagText(storedContext);
  return text.replace(
    /(^|[.!?]\s+|:\s+)([a-z])([^.!?]*)$/,
    (_m, lead: string, first: string, rest: string) => `${lead}${first.toUpperCase()}${rest}`,
  );
}
