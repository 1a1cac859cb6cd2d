import type { BfclLanguage } from './categories.ts';
import { BfclCheckerError, type BfclFailureType } from './error-types.ts';
import { formatPyRepr } from './python-repr.ts';
import { pyTypeName, type PyTypeName, type PyValue } from './python-value.ts';

// BFCL's type_checker: the value's exact Python type must be the declared one (one level into lists), or,
// when the possible answers are of another type, that type (BFCL's "variable" case: e.g. a variable name
// given as a str where the doc says dict; such values are then compared exactly, unnormalised).

/** Python type a declared type maps to; `set` is a Java type nothing decodes to. */
export type CheckedType = PyTypeName | 'set';

const TYPE_MAPS: Record<BfclLanguage, Readonly<Record<string, CheckedType>>> = {
  python: { string: 'str', integer: 'int', float: 'float', boolean: 'bool', array: 'list', tuple: 'list', dict: 'dict', any: 'str' },
  java: {
    byte: 'int',
    short: 'int',
    integer: 'int',
    long: 'int',
    float: 'float',
    double: 'float',
    boolean: 'bool',
    char: 'str',
    String: 'str',
    any: 'str',
    Array: 'list',
    ArrayList: 'list',
    Queue: 'list',
    Stack: 'list',
    Set: 'set',
    HashMap: 'dict',
    Hashtable: 'dict',
  },
  javascript: { String: 'str', integer: 'int', Bigint: 'int', float: 'float', Boolean: 'bool', dict: 'dict', array: 'list', any: 'str' },
};

/** The Python type BFCL maps a declared type to, per language; raises where BFCL's lookup raises. */
export function mapDeclaredType(language: BfclLanguage, declared: string | undefined): CheckedType {
  const mapped = declared === undefined ? undefined : TYPE_MAPS[language][declared];
  if (mapped === undefined) {
    throw new BfclCheckerError(`BFCL's ${language} type table has no entry for ${JSON.stringify(declared)} (BFCL raises KeyError).`);
  }
  return mapped;
}

/** Outcome of a type check; `isVariable` means "compare exactly, skip the normalising checkers". */
export type TypeCheck = { valid: true; isVariable: boolean } | { valid: false; errorType: BfclFailureType; errors: string[] };

// Type of the first possible answer that is not the optional marker "" (BFCL's get_possible_answer_type).
function possibleAnswerType(possible: readonly PyValue[]): PyTypeName | undefined {
  const first = possible.find((answer) => answer !== '');
  return first === undefined ? undefined : pyTypeName(first);
}

/**
 * BFCL's type_checker for one parameter value against its possible answers.
 * @param declared The doc's type name, for messages.
 * @param nested Element type of a list-typed parameter, or null.
 */
export function checkType(
  param: string,
  value: PyValue,
  possible: readonly PyValue[],
  declared: string,
  expected: CheckedType,
  nested: CheckedType | null,
): TypeCheck {
  const answerType = possibleAnswerType(possible);
  const isVariable = answerType !== undefined && answerType !== expected;
  const valueType = pyTypeName(value);
  let nestedError: string | undefined;
  if (valueType === expected) {
    if (nested === null) return { valid: true, isVariable };
    for (const answer of possible) {
      // An answer that is not a list (the "" marker) lets any element types through, as in BFCL.
      const elementsMatch =
        !Array.isArray(answer) || (value as PyValue[]).every((element) => checkType(param, element, answer, nested, nested, null).valid);
      if (elementsMatch) return { valid: true, isVariable };
    }
    nestedError = `Nested type checking failed for parameter ${formatPyRepr(param)}. Expected outer type ${declared} with inner type ${nested}. Parameter value: ${formatPyRepr(value)}.`;
  }
  if (answerType !== undefined && valueType === answerType) {
    return nestedError === undefined
      ? { valid: true, isVariable: true }
      : { valid: false, errorType: 'type_error:nested', errors: [nestedError] };
  }
  const simpleError = `Incorrect type for parameter ${formatPyRepr(param)}. Expected type ${declared}, got ${valueType}. Parameter value: ${formatPyRepr(value)}.`;
  return { valid: false, errorType: 'type_error:simple', errors: nestedError === undefined ? [simpleError] : [nestedError, simpleError] };
}
