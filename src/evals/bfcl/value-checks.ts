import { BfclCheckerError, failCheck, type CheckResult } from './error-types.ts';
import { formatPyRepr } from './python-repr.ts';
import { standardizeString } from './python-text.ts';
import { isPyDict, pyContains, pyEquals, pyIterate, type PyDict, type PyValue } from './python-value.ts';

// BFCL's value checkers for strings, lists, dicts and lists of dicts. Strings are compared after
// standardize_string on both sides; everything else with Python's ==.

const VALID: CheckResult = { valid: true };

// Standardise a str, leave other values alone.
function standardizeIfString(value: PyValue): PyValue {
  return typeof value === 'string' ? standardizeString(value) : value;
}

// `list(x)` of a possible answer, where BFCL would raise on a non-iterable one.
function iterateAnswer(answer: PyValue, param: string): PyValue[] {
  const items = pyIterate(answer);
  if (items === undefined) {
    throw new BfclCheckerError(
      `Possible answer ${formatPyRepr(answer)} of ${formatPyRepr(param)} is not iterable (BFCL raises TypeError).`,
    );
  }
  return items;
}

/** BFCL's string_checker: the standardised value equals one standardised possible answer. */
export function checkString(param: string, value: string, possible: readonly PyValue[]): CheckResult {
  const wanted = standardizeString(value);
  const allowed = possible.filter((answer): answer is string => typeof answer === 'string').map(standardizeString);
  if (allowed.includes(wanted)) return VALID;
  return failCheck(
    'value_error:string',
    `Invalid value for parameter ${formatPyRepr(param)}: ${formatPyRepr(value)}. Expected one of ${formatPyRepr([...possible])}. Case insensitive.`,
  );
}

/** BFCL's list_checker: element-wise standardised strings, the whole list equal to one possible list (order matters). */
export function checkList(param: string, value: readonly PyValue[], possible: readonly PyValue[]): CheckResult {
  const wanted = value.map(standardizeIfString);
  // The optional marker "" iterates to an empty list, so [] matches it, as in BFCL.
  const allowed = possible.map((answer) => iterateAnswer(answer, param).map(standardizeIfString));
  if (allowed.some((answer) => pyEquals(wanted, answer))) return VALID;
  return failCheck(
    'value_error:list/tuple',
    `Invalid value for parameter ${formatPyRepr(param)}: ${formatPyRepr([...value])}. Expected one of ${formatPyRepr([...possible])}.`,
  );
}

// One dict against one possible dict; errors accumulate and the last category wins, as in BFCL.
function checkDictAgainst(value: PyDict, answer: PyValue): CheckResult {
  if (!isPyDict(answer)) {
    throw new BfclCheckerError(`Possible dict answer ${formatPyRepr(answer)} is not a dict (BFCL raises).`);
  }
  const errors: string[] = [];
  let errorType: 'dict_checker:unclear' | 'value_error:dict_key' | 'value_error:dict_value' = 'dict_checker:unclear';
  let ok = true;
  for (const [key, item] of Object.entries(value)) {
    if (!Object.hasOwn(answer, key)) {
      errors.push(`Unexpected dict key parameter: ${formatPyRepr(key)}.`);
      errorType = 'value_error:dict_key';
      ok = false;
      break;
    }
    const allowed = iterateAnswer(answer[key]!, key).map(standardizeIfString);
    if (!allowed.some((candidate) => pyEquals(standardizeIfString(item), candidate))) {
      errors.push(`Invalid value for parameter ${formatPyRepr(key)}: ${formatPyRepr(item)}. Expected one of ${formatPyRepr(allowed)}.`);
      errorType = 'value_error:dict_value';
      ok = false;
      break;
    }
  }
  for (const [key, allowed] of Object.entries(answer)) {
    if (!Object.hasOwn(value, key) && pyContains(allowed, '') !== true) {
      errors.push(`Missing dict key parameter: ${formatPyRepr(key)}.`);
      errorType = 'value_error:dict_key';
      ok = false;
      break;
    }
  }
  return ok ? VALID : failCheck(errorType, ...errors);
}

/** BFCL's dict_checker: the dict matches one possible dict key by key (values standardised if str). */
export function checkDict(param: string, value: PyDict, possible: readonly PyValue[]): CheckResult {
  let result = failCheck('dict_checker:unclear', `No possible dict for parameter ${formatPyRepr(param)}.`);
  for (const answer of possible) {
    if (answer === '') continue;
    result = checkDictAgainst(value, answer);
    if (result.valid) return result;
  }
  return result;
}

/** BFCL's list_dict_checker: same length as one possible list, each dict matching its counterpart in order. */
export function checkListOfDicts(param: string, value: readonly PyValue[], possible: readonly PyValue[]): CheckResult {
  let result = failCheck('list_dict_checker:unclear', `No possible list of dicts for parameter ${formatPyRepr(param)}.`);
  for (const answer of possible) {
    const expected = iterateAnswer(answer, param);
    if (value.length !== expected.length) {
      result = failCheck('value_error:list_dict_count', 'Wrong number of dictionaries in the list.');
      continue;
    }
    let ok = true;
    for (const [index, item] of value.entries()) {
      if (!isPyDict(item)) {
        throw new BfclCheckerError(`Element ${formatPyRepr(item)} of ${formatPyRepr(param)} is not a dict (BFCL raises AttributeError).`);
      }
      result = checkDict(param, item, [expected[index]!]);
      if (!result.valid) {
        ok = false;
        break;
      }
    }
    if (ok) return VALID;
  }
  return result;
}
