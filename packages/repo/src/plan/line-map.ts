/** Past this many comparison cells the middle of the two files is mapped by position instead. */
const MAX_CELLS = 4_000_000;

/**
 * Maps 1-based line numbers of `after` (a rewrite of `before`) back to lines of `before`, so
 * findings on the rewritten text can be reported against the file the user has. A line the
 * rewrite kept maps to itself; an inserted or replaced line maps to the original line at that
 * place (clamped to the file), so a finding on an inlined block points where it was inserted.
 */
export function mapLinesToOriginal(before: string, after: string): (line: number) => number {
  if (before === after) return (line) => line;
  const a = before.split("\n");
  const b = after.split("\n");
  const map = alignLines(a, b);
  return (line) => {
    const mapped = map[line - 1];
    return mapped === undefined ? Math.min(line, a.length) : mapped + 1;
  };
}

/** For each index of `b`, the index of `a` it matches or is inserted before. */
function alignLines(a: string[], b: string[]): number[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: number[] = [];
  for (let j = 0; j < start; j++) out.push(j);
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS || n === 0 || m === 0) {
    for (let j = 0; j < m; j++)
      out.push(Math.min(start + Math.min(j, Math.max(n - 1, 0)), a.length - 1));
  } else {
    // Written into `out`, not spread into push(): the middle can be millions of lines, past the
    // number of arguments one call takes.
    lcsMiddle(a, b, start, n, m, out);
  }
  for (let j = endB; j < b.length; j++) out.push(endA + (j - endB));
  return out;
}

/** Appends to `out` the index of `a` each middle line of `b` matches or is inserted before. */
function lcsMiddle(
  a: string[],
  b: string[],
  start: number,
  n: number,
  m: number,
  out: number[],
): void {
  // suffix LCS lengths, row-major (n+1) x (m+1)
  const w = m + 1;
  const len = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i * w + j] =
        a[start + i] === b[start + j]
          ? len[(i + 1) * w + j + 1]! + 1
          : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (j < m) {
    if (i < n && a[start + i] === b[start + j]) {
      out.push(start + i);
      i++;
      j++;
    } else if (i < n && len[(i + 1) * w + j]! > len[i * w + j + 1]!) {
      i++;
    } else {
      // On a tie the new line is taken first, so a replacement maps to the line it replaced.
      out.push(Math.min(start + i, a.length - 1));
      j++;
    }
  }
}

/**
 * Maps 1-based line numbers of `before` forward to lines of `after` (a rewrite of it), so a
 * finding made on the file as given can be shown where it is after `--write`. A kept line maps to
 * its place in `after`; a replaced line to the first line that replaced it; a removed line to
 * the line that now follows where it was.
 */
export function mapLinesToOutput(before: string, after: string): (line: number) => number {
  if (before === after) return (line) => line;
  const a = before.split("\n");
  const b = after.split("\n");
  const forward = invertAlignment(a, b, alignLines(a, b));
  // The empty rest after a final newline is no line: a removed last line maps to the last one.
  const last = Math.max(b.at(-1) === "" ? b.length - 1 : b.length, 1);
  return (line) => Math.min((forward[line - 1] ?? line - 1) + 1, last);
}

/** For each index of `a`, the index of `b` it is kept at, replaced by, or would be before. */
function invertAlignment(a: string[], b: string[], map: number[]): number[] {
  const kept: (number | undefined)[] = new Array(a.length);
  const first: (number | undefined)[] = new Array(a.length);
  for (const [j, i] of map.entries()) {
    first[i] ??= j;
    if (kept[i] === undefined && a[i] === b[j]) kept[i] = j;
  }
  const out: number[] = new Array(a.length);
  let next = b.length - 1;
  for (let i = a.length - 1; i >= 0; i--) {
    const j = kept[i] ?? first[i];
    if (j !== undefined) next = j;
    out[i] = j ?? next;
  }
  return out;
}
