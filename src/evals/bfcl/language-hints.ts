import { languageOf, type BfclCategory } from './categories.ts';
import { functionDocAsPy, pyAsFunctionDoc, type FunctionDoc } from './function-doc.ts';
import { formatPythonJson } from './python-json.ts';
import { clonePyValue, isPyDict, type PyDict } from './python-value.ts';

// BFCL's pre-processing of function docs before a model sees them: a language note on every function, and
// for Java/JavaScript every parameter becomes a string whose description names the original type.
// The checker reads the unprocessed docs; only requests use these.

const LANGUAGE_NOTE = {
  python: ' Note that the provided function is in Python 3 syntax.',
  java: ' Note that the provided function is in Java 8 SDK syntax.',
  javascript: ' Note that the provided function is in JavaScript syntax.',
} as const;

// Append to a parameter's description (BFCL assumes one exists; a missing one starts empty).
function appendDescription(param: PyDict, text: string): void {
  param.description = `${typeof param.description === 'string' ? param.description : ''}${text}`;
}

// Type name of a nested `items` schema, for the "list elements are of type" note.
function itemsType(param: PyDict): string {
  return isPyDict(param.items) && typeof param.items.type === 'string' ? param.items.type : 'None';
}

// Java: describe the Java type, flatten collections, make everything a string.
function rewriteJavaParam(param: PyDict): void {
  const type = param.type;
  if (type === 'any') appendDescription(param, ' This parameter can be of any type of Java object in string representation.');
  else appendDescription(param, ` This is Java ${String(type)} type parameter in string representation.`);
  if (type === 'ArrayList' || type === 'Array') {
    appendDescription(param, ` The list elements are of type ${itemsType(param)}; they are not in string representation.`);
    delete param.items;
  }
  param.type = 'string';
}

// JavaScript: as Java, and dict schemas move into the description as JSON.
function rewriteJavaScriptParam(param: PyDict): void {
  const type = param.type;
  if (type === 'any') appendDescription(param, ' This parameter can be of any type of JavaScript object in string representation.');
  else appendDescription(param, ` This is JavaScript ${String(type)} type parameter in string representation.`);
  if (type === 'array') {
    appendDescription(param, ` The list elements are of type ${itemsType(param)}; they are not in string representation.`);
    delete param.items;
  }
  if (type === 'dict' && param.properties !== undefined) {
    appendDescription(
      param,
      ` The dictionary entries have the following schema; they are not in string representation. ${formatPythonJson(param.properties)}`,
    );
    delete param.properties;
  }
  param.type = 'string';
}

/**
 * BFCL's language-specific pre-processing of a question's docs (a deep copy; the input is unchanged).
 * @example withLanguageHints(entry.functions, 'simple_java')[0].parameters.properties.flag.type // 'string'
 */
export function withLanguageHints(functions: readonly FunctionDoc[], category: BfclCategory): FunctionDoc[] {
  const language = languageOf(category);
  return functions.map((doc) => {
    const copy = clonePyValue(functionDocAsPy(doc));
    copy.description = `${String(copy.description)}${LANGUAGE_NOTE[language]}`;
    const properties = (copy.parameters as PyDict).properties as PyDict;
    if (language !== 'python') {
      for (const param of Object.values(properties)) {
        if (!isPyDict(param)) continue;
        if (language === 'java') rewriteJavaParam(param);
        else rewriteJavaScriptParam(param);
      }
    }
    return pyAsFunctionDoc(copy);
  });
}
