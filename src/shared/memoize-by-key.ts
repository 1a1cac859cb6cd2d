/**
 * `make(key, ...context)` once per key: later calls with the key return what the first one made (`context` only
 * helps make it; the key alone decides). `max`: forget everything once that many keys are remembered, for keys from
 * an open set (bounded memory). @default unbounded
 */
export function memoizeByKey<T, C extends unknown[] = []>(
  make: (key: string, ...context: C) => T,
  options: { max?: number } = {},
): (key: string, ...context: C) => T {
  const made = new Map<string, T>();
  const max = options.max ?? Number.POSITIVE_INFINITY;
  return (key, ...context) => {
    if (made.has(key)) return made.get(key) as T;
    const value = make(key, ...context);
    if (made.size >= max) made.clear();
    made.set(key, value);
    return value;
  };
}
