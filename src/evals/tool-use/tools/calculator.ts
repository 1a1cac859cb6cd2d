// The calculator tool: arithmetic on numbers with + - * / ^ % and parentheses, parsed by hand (never `eval`), so a
// model's expression cannot run code and the same text always gives the same value.

/** The value of an arithmetic expression, or an error naming what could not be read. */
export type Calculation = { result: number } | { error: string };

/**
 * Evaluate an arithmetic expression.
 * @example calculate('(3 + 4) * 2.5') // { result: 17.5 }
 */
export function calculate(expression: string): Calculation {
  const tokens = expression.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|[-+*/^%()]|\S/gi) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++];
  // expression := term (('+' | '-') term)*; term := power (('*' | '/' | '%') power)*; power := unary ('^' power)?
  const parseExpression = (): number => {
    let value = parseTerm();
    while (peek() === '+' || peek() === '-') value = take() === '+' ? value + parseTerm() : value - parseTerm();
    return value;
  };
  const parseTerm = (): number => {
    let value = parsePower();
    for (let op = peek(); op === '*' || op === '/' || op === '%'; op = peek()) {
      take();
      const right = parsePower();
      value = op === '*' ? value * right : op === '/' ? value / right : value % right;
    }
    return value;
  };
  const parsePower = (): number => {
    const base = parseUnary();
    if (peek() !== '^') return base;
    take();
    return base ** parsePower();
  };
  const parseUnary = (): number => {
    if (peek() === '-') {
      take();
      return -parseUnary();
    }
    if (peek() === '+') take();
    return parseAtom();
  };
  const parseAtom = (): number => {
    const token = take();
    if (token === '(') {
      const value = parseExpression();
      if (take() !== ')') throw new SyntaxError('missing )');
      return value;
    }
    if (token === undefined || !/^\d/.test(token))
      throw new SyntaxError(`unexpected ${token === undefined ? 'end' : JSON.stringify(token)}`);
    return Number(token);
  };
  try {
    const value = parseExpression();
    if (at < tokens.length) throw new SyntaxError(`unexpected ${JSON.stringify(tokens[at])}`);
    if (!Number.isFinite(value)) return { error: 'the result is not a finite number (division by zero?)' };
    return { result: roundResult(value) };
  } catch (error) {
    return { error: `cannot read the expression: ${(error as Error).message}` };
  }
}

// Twelve significant digits: 0.1 + 0.2 answers 0.3, as a calculator shows it.
function roundResult(value: number): number {
  return Number(value.toPrecision(12));
}
