// A bounded memo keyed by text, for answers that depend on nothing but their key: a
// condition's parse, or the patients a condition holds for over inputs written the same way.
// An edit re-checks the whole file, and most of its conditions are as they were.

/**
 * `compute` remembered by key, forgetting everything once `capacity` answers are held. The
 * other arguments serve the computation only: the key must determine the answer. An
 * undefined answer is not kept.
 */
export function memoByText<Rest extends unknown[], T>(
  compute: (key: string, ...rest: Rest) => T,
  capacity = 10_000,
): (key: string, ...rest: Rest) => T {
  let answers = new Map<string, T>();
  return (key, ...rest) => {
    if (answers.has(key)) return answers.get(key) as T;
    const value = compute(key, ...rest);
    if (value === undefined) return value;
    // Clearing at once keeps the bound without the bookkeeping of a least-recently-used list:
    // a file's conditions are asked again on the next edit and come back within it.
    if (answers.size >= capacity) answers = new Map();
    answers.set(key, value);
    return value;
  };
}
