/** Past this many token pairs the changed middle of a line is matched by occurrence only. */
const MAX_CELLS = 250_000;

/** A whole word of a line, as the column mapping reads one (`docker`, `-g`, `/dev/null`). */
const WORD = /^[^\s;&|()<>"'`$=]+/;
const TOKENS = /[^\s;&|()<>"'`$=]+|[^\s]/g;

/** The 1-based column `column` of line `from` has in line `to`, a rewrite of it. */
export function columnAcross(from: string, to: string, column: number): number {
  if (from === to) return column;
  let prefix = 0;
  while (prefix < from.length && prefix < to.length && from[prefix] === to[prefix]) prefix++;
  let suffix = 0;
  const room = Math.min(from.length, to.length) - prefix;
  while (suffix < room && from[from.length - 1 - suffix] === to[to.length - 1 - suffix]) suffix++;
  if (column - 1 < prefix) return column;
  if (column - 1 >= from.length - suffix) return column + to.length - from.length;
  // In the changed middle: the same word where the rewrite kept it (`getent group docker` after
  // `groupadd -g 999 docker` became `alpinize_ensure_group docker 999`), else where that
  // middle starts.
  const fromMiddle = from.slice(prefix, from.length - suffix);
  const toMiddle = to.slice(prefix, to.length - suffix);
  const found = placeInMiddle(fromMiddle, toMiddle, column - 1 - prefix);
  return prefix + 1 + Math.max(found, 0);
}

interface Token {
  text: string;
  at: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(TOKENS)].map((m) => ({ text: m[0], at: m.index }));
}

/**
 * Where offset `at` of `from` (inside a word) is in `to`, or -1. The words of both are matched in
 * order (a longest common subsequence), so a word the rewrite kept maps to itself even where the
 * same word stands earlier in the stretch (`groupadd -g 1500 docker; getent group docker`, both
 * dockers in the rewrite too); a word with no match, to the same occurrence of it in `to`.
 */
function placeInMiddle(from: string, to: string, at: number): number {
  const a = tokens(from);
  const b = tokens(to);
  const index = a.findIndex((t) => at >= t.at && at < t.at + t.text.length);
  if (index < 0) return -1;
  const token = a[index]!;
  const matched = a.length * b.length <= MAX_CELLS ? matchTokens(a, b)[index] : undefined;
  if (matched !== undefined) return b[matched]!.at + (at - token.at);
  const word = WORD.exec(from.slice(at))?.[0];
  if (!word) return -1;
  const nth = occurrences(from, word).filter((o) => o <= at).length - 1;
  const there = occurrences(to, word);
  return there[Math.max(nth, 0)] ?? there[0] ?? -1;
}

/** For each token of `a`, the index of the token of `b` it is matched to in an LCS, if any. */
function matchTokens(a: readonly Token[], b: readonly Token[]): (number | undefined)[] {
  const w = b.length + 1;
  const len = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      len[i * w + j] =
        a[i]!.text === b[j]!.text
          ? len[(i + 1) * w + j + 1]! + 1
          : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
  const out: (number | undefined)[] = new Array(a.length);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]!.text === b[j]!.text) out[i++] = j++;
    else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) i++;
    else j++;
  }
  return out;
}

/** Where `word` stands as a whole word in `text` (`docker` is not the start of `docker2`). */
function occurrences(text: string, word: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = at === 0 ? "" : text[at - 1]!;
    const after = text.slice(at + word.length, at + word.length + 1);
    if (!WORD.test(before) && !WORD.test(after)) out.push(at);
  }
  return out;
}
