const GNU = "-unknown-linux-gnu";

const isWord = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isWordOrDot = (c: number): boolean => isWord(c) || c === 46;
const DOLLAR = 36;
const BRACE_OPEN = 123;
const BRACE_CLOSE = 125;
const PAREN_OPEN = 40;
const PAREN_CLOSE = 41;

/** For each index, where the run of characters accepted by `test` that starts there ends. */
function runEnds(word: string, test: (c: number) => boolean): Int32Array {
  const ends = new Int32Array(word.length + 1);
  ends[word.length] = word.length;
  for (let i = word.length - 1; i >= 0; i--) {
    ends[i] = test(word.charCodeAt(i)) ? ends[i + 1]! : i;
  }
  return ends;
}

/** For each index, the first `)` at or after it (word.length when none). */
function nextClose(word: string): Int32Array {
  const next = new Int32Array(word.length + 1);
  next[word.length] = word.length;
  for (let i = word.length - 1; i >= 0; i--) {
    next[i] = word.charCodeAt(i) === PAREN_CLOSE ? i : next[i + 1]!;
  }
  return next;
}

/**
 * The leftmost match of `(?:\$\{\w+\}|\$\w+|\$\([^)]*\)|[\w.]+)?-unknown-linux-gnu\w*` in
 * `word`, found in linear time. The regex itself re-scanned the `[\w.]+` (or `[^)]*`) run from
 * every start position, which took seconds on a long word. Here the end of each run is known
 * from one pass, and each start position tries the alternatives in the regex's order: the first
 * that is followed by the triple wins, as in the regex. A shorter run never can be (the character
 * after it would be part of the run, not the `-` the triple starts with).
 */
export function leftmostGnuTriple(word: string): string | undefined {
  const first = word.indexOf(GNU);
  if (first === -1) return undefined;
  const at = new Uint8Array(word.length + 1);
  for (let i = first; i !== -1; i = word.indexOf(GNU, i + 1)) at[i] = 1;
  const words = runEnds(word, isWord);
  const wordsOrDots = runEnds(word, isWordOrDot);
  const close = nextClose(word);
  const prefixEnd = (p: number): number => {
    const c = word.charCodeAt(p);
    if (c === DOLLAR) {
      const next = word.charCodeAt(p + 1);
      if (next === BRACE_OPEN) {
        const e = words[p + 2]!;
        if (e > p + 2 && word.charCodeAt(e) === BRACE_CLOSE && at[e + 1]) return e + 1;
      }
      const e = words[p + 1]!;
      if (e > p + 1 && at[e]) return e;
      if (next === PAREN_OPEN) {
        const e = close[p + 2]!;
        if (e < word.length && at[e + 1]) return e + 1;
      }
    } else if (isWordOrDot(c)) {
      const e = wordsOrDots[p]!;
      if (at[e]) return e;
    }
    return at[p] ? p : -1;
  };
  // The triple itself matches at `first` with no prefix, so no match starts after it.
  for (let p = 0; p <= first; p++) {
    const q = prefixEnd(p);
    if (q !== -1) return word.slice(p, words[q + GNU.length]!);
  }
  return undefined;
}

/** The word without the quotes it starts and ends with (`/^["']+|["']+$/g`, in linear time). */
export function stripOuterQuotes(raw: string): string {
  const quote = (i: number): boolean => raw[i] === '"' || raw[i] === "'";
  let start = 0;
  while (start < raw.length && quote(start)) start++;
  let end = raw.length;
  while (end > start && quote(end - 1)) end--;
  return raw.slice(start, end);
}
