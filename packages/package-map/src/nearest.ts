// Two rows reused by every call: names are at most 128 characters (names.ts bounds the input).
let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

/**
 * Levenshtein distance of `a` and `b` if it is at most `max`, else `max + 1`. Only the band of
 * width 2·max+1 around the diagonal is computed, and a row whose best cell is already over
 * `max` ends the search, so a far name costs a few cells.
 */
export function distanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  // A common prefix and suffix cost no edits: most compared names share one with the query
  // (py3-…, lib…-dev), and the table then covers only the few characters that differ.
  let head = 0;
  const shorter = Math.min(a.length, b.length);
  while (head < shorter && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  let tail = 0;
  while (
    tail < shorter - head &&
    a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)
  ) {
    tail++;
  }
  return bandedDistance(a.slice(head, a.length - tail), b.slice(head, b.length - tail), max);
}

function bandedDistance(a: string, b: string, max: number): number {
  if (a.length === 0 || b.length === 0) {
    const d = a.length + b.length;
    return d <= max ? d : max + 1;
  }
  const over = max + 1;
  if (b.length + 2 > rowA.length) {
    rowA = new Int32Array(b.length + 2);
    rowB = new Int32Array(b.length + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    cur[from - 1] = from === 1 ? (i <= max ? i : over) : over;
    let best = over;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const diagonal = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const up = prev[j]! + 1;
      const left = cur[j - 1]! + 1;
      const value = Math.min(diagonal, up, left, over);
      cur[j] = value;
      if (value < best) best = value;
    }
    if (to < b.length) cur[to + 1] = over;
    if (best > max) return over;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]! <= max ? prev[b.length]! : over;
}

/** How many edits a name of this length may be away to count as a likely typo of it. */
function typoBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 10) return 2;
  return 3;
}

export interface NearName {
  name: string;
  distance: number;
}

/**
 * The names within `typoBudget` edits of `query`, closest first, then nearest in length, then
 * by name. `bucket(length, first)` gives the names of one length and first character: only
 * names starting with the query's first or second character are compared (a typo in the first
 * letter is not found), which keeps the work to a few thousand short comparisons.
 */
export function nearestNames(
  query: string,
  bucket: (length: number, first: string) => readonly string[],
  limit: number,
): NearName[] {
  const max = typoBudget(query.length);
  if (max === 0) return [];
  const firsts = new Set([query[0]!, query[1]!]);
  const out: NearName[] = [];
  for (let len = query.length - max; len <= query.length + max; len++) {
    for (const first of firsts) {
      for (const name of bucket(len, first)) {
        const distance = distanceWithin(query, name, max);
        if (distance <= max) out.push({ name, distance });
      }
    }
  }
  out.sort(
    (x, y) =>
      x.distance - y.distance ||
      Math.abs(x.name.length - query.length) - Math.abs(y.name.length - query.length) ||
      x.name.localeCompare(y.name),
  );
  return out.slice(0, limit);
}
