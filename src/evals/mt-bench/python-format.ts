// Python's `str.format` for named fields, as FastChat fills its judge templates.

/**
 * Replace `{name}` fields with `values[name]` in one pass (inserted text is never re-read) and `{{`/`}}` with
 * literal braces. A field without a value throws, as Python's KeyError would; unused values are ignored.
 * @example formatPythonTemplate('[Question]\n{question}', { question: 'Why {x}?' }) // '[Question]\nWhy {x}?'
 */
export function formatPythonTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{|\}\}|\{(\w+)\}/g, (match, name: string | undefined) => {
    if (name === undefined) return match[0] as string;
    const value = values[name];
    if (value === undefined)
      throw new RangeError(`Template field \`{${name}}\` has no value; got fields ${Object.keys(values).join(', ') || '(none)'}.`);
    return value;
  });
}
