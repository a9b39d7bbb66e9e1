/** The names of a sorted list that start with `prefix`, in order, found by binary search. */
export function* withPrefix(sorted: readonly string[], prefix: string): Generator<string> {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? "") < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && sorted[i]?.startsWith(prefix); i++)
    yield sorted[i] as string;
}
