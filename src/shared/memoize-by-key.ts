/** `make(key)` once per key: later calls with the key return what the first one made. */
export function memoizeByKey<T>(make: (key: string) => T): (key: string) => T {
  const made = new Map<string, T>();
  return (key) => {
    if (made.has(key)) return made.get(key) as T;
    const value = make(key);
    made.set(key, value);
    return value;
  };
}
