/**
 * A unified diff of two texts, line by line, with `context` lines around changes: Myers' O(ND)
 * shortest diff for ordinary changes; past MAX_EDITS edits, patience anchors and delete+insert
 * blocks, so memory stays linear in the input.
 */
export function unifiedDiff(before: string, after: string, label: string, context = 3): string {
  if (before === after) return "";
  const a = splitKeep(before);
  const b = splitKeep(after);
  const ops = diffLines(a, b);
  const hunks = groupHunks(ops, context);
  const name = label.replace(/^\/+/, "");
  const out = [`--- ${diffPath(`a/${name}`)}`, `+++ ${diffPath(`b/${name}`)}`];
  for (const h of hunks) {
    out.push(`@@ -${range(h.aStart, h.aLen)} +${range(h.bStart, h.bLen)} @@`);
    for (const op of h.ops) {
      const line = op.kind === "=" ? a[op.a]! : op.kind === "-" ? a[op.a]! : b[op.b]!;
      const prefix = op.kind === "=" ? " " : op.kind;
      // The CR of a CRLF line stays: patch and git apply compare it.
      out.push(prefix + line.replace(/\n$/, ""));
      if (!line.endsWith("\n")) out.push("\\ No newline at end of file");
    }
  }
  return `${out.join("\n")}\n`;
}

function range(start: number, len: number): string {
  if (len === 0) return `${start - 1},0`;
  return len === 1 ? `${start}` : `${start},${len}`;
}

function splitKeep(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

interface LineOp {
  kind: "=" | "-" | "+";
  a: number;
  b: number;
}

/**
 * Edits one Myers run may search before giving up. Its trace holds about MAX_EDITS² numbers
 * (16 MB at 2000), so memory stays bounded however large the change.
 */
const MAX_EDITS = 2000;
/** Nesting of anchor splits before a gap is written as one delete+insert block. */
const MAX_DEPTH = 8;

/** [a0, a1) of `a` against [b0, b1) of `b`. */
interface Span {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

function diffLines(a: string[], b: string[]): LineOp[] {
  const ops: LineOp[] = [];
  // An ordinary change takes the same path as always: Myers' shortest edit script.
  const whole = myers(a, b, { a0: 0, a1: a.length, b0: 0, b1: b.length }, MAX_EDITS);
  if (whole) return whole;
  diffGap(a, b, { a0: 0, a1: a.length, b0: 0, b1: b.length }, 0, ops);
  return ops;
}

/**
 * A large change: keep the common ends, split at lines that occur once on each side and in the
 * same order (patience anchors), and diff the gaps between them; a gap still beyond MAX_EDITS is
 * one block of deletions then insertions, which is longer than needed but still exact.
 */
function diffGap(a: string[], b: string[], span: Span, depth: number, ops: LineOp[]): void {
  let { a0, a1, b0, b1 } = span;
  while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) ops.push({ kind: "=", a: a0++, b: b0++ });
  let tail = 0;
  while (a1 - tail > a0 && b1 - tail > b0 && a[a1 - tail - 1] === b[b1 - tail - 1]) tail++;
  a1 -= tail;
  b1 -= tail;
  const inner = { a0, a1, b0, b1 };
  const found = a0 === a1 || b0 === b1 ? undefined : myers(a, b, inner, MAX_EDITS);
  if (found) {
    for (const op of found) ops.push(op);
  } else {
    const anchors = depth < MAX_DEPTH ? patienceAnchors(a, b, inner) : [];
    if (anchors.length === 0) replaceBlock(inner, ops);
    else {
      let at = { a: a0, b: b0 };
      for (const [i, j] of anchors) {
        diffGap(a, b, { a0: at.a, a1: i, b0: at.b, b1: j }, depth + 1, ops);
        ops.push({ kind: "=", a: i, b: j });
        at = { a: i + 1, b: j + 1 };
      }
      diffGap(a, b, { a0: at.a, a1, b0: at.b, b1 }, depth + 1, ops);
    }
  }
  for (let t = 0; t < tail; t++) ops.push({ kind: "=", a: a1 + t, b: b1 + t });
}

function replaceBlock({ a0, a1, b0, b1 }: Span, ops: LineOp[]): void {
  for (let i = a0; i < a1; i++) ops.push({ kind: "-", a: i, b: b0 });
  for (let j = b0; j < b1; j++) ops.push({ kind: "+", a: a1, b: j });
}

/** Lines unique within the span on both sides, as [aIndex, bIndex], longest run in order. */
function patienceAnchors(a: string[], b: string[], { a0, a1, b0, b1 }: Span): [number, number][] {
  const once = (lines: string[], from: number, to: number) => {
    const at = new Map<string, number>();
    for (let i = from; i < to; i++) at.set(lines[i]!, at.has(lines[i]!) ? -1 : i);
    return at;
  };
  const inB = once(b, b0, b1);
  const pairs: [number, number][] = [];
  for (const [line, i] of once(a, a0, a1)) {
    const j = inB.get(line);
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  pairs.sort((p, q) => p[0] - q[0]);
  return longestIncreasing(pairs);
}

/** Longest subsequence of pairs (sorted by a) whose b also increases: patience sorting, O(n log n). */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tops: number[] = [];
  const prev = new Int32Array(pairs.length);
  pairs.forEach(([, j], k) => {
    let lo = 0;
    let hi = tops.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tops[mid]!]![1] < j) lo = mid + 1;
      else hi = mid;
    }
    prev[k] = lo > 0 ? tops[lo - 1]! : -1;
    tops[lo] = k;
  });
  const out: [number, number][] = [];
  for (let k = tops.length > 0 ? tops[tops.length - 1]! : -1; k >= 0; k = prev[k]!)
    out.push(pairs[k]!);
  return out.reverse();
}

/**
 * Myers' O(ND) shortest edit script of a span, or undefined when it needs more than `bound`
 * edits (the trace kept for the backtrack grows with the square of the edits).
 */
function myers(a: string[], b: string[], span: Span, bound: number): LineOp[] | undefined {
  const { a0, b0 } = span;
  const n = span.a1 - a0;
  const m = span.b1 - b0;
  const max = Math.min(n + m, bound);
  const off = max + 1;
  const v = new Int32Array(2 * max + 4);
  // trace[d] keeps only the diagonals -d-1..d+1 that round d could read: O(D²) memory.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!);
      let x = down ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, a0, b0);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number, a0: number, b0: number): LineOp[] {
  const ops: LineOp[] = [];
  let x = n;
  let y = m;
  const push = (kind: LineOp["kind"], i: number, j: number) =>
    ops.push({ kind, a: a0 + i, b: b0 + j });
  for (let d = trace.length - 1; d >= 0; d--) {
    const w = trace[d]!;
    // w[0] is diagonal -d-1
    const at = (k: number) => w[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) push("=", --x, --y);
    if (d === 0) break;
    if (x === prevX) push("+", x, --y);
    else push("-", --x, y);
  }
  return ops.reverse();
}

interface Hunk {
  aStart: number;
  aLen: number;
  bStart: number;
  bLen: number;
  ops: LineOp[];
}

function groupHunks(ops: LineOp[], context: number): Hunk[] {
  const changes: number[] = [];
  ops.forEach((o, k) => {
    if (o.kind !== "=") changes.push(k);
  });
  const hunks: Hunk[] = [];
  let g = 0;
  while (g < changes.length) {
    let last = g;
    while (last + 1 < changes.length && changes[last + 1]! - changes[last]! <= 2 * context + 1)
      last++;
    const start = Math.max(0, changes[g]! - context);
    const stop = Math.min(ops.length, changes[last]! + context + 1);
    const slice = ops.slice(start, stop);
    const first = slice[0]!;
    hunks.push({
      aStart: first.a + 1,
      aLen: slice.filter((o) => o.kind !== "+").length,
      bStart: first.b + 1,
      bLen: slice.filter((o) => o.kind !== "-").length,
      ops: slice,
    });
    g = last + 1;
  }
  return hunks;
}

const C_ESCAPES: Readonly<Record<string, string>> = {
  "\n": "\\n",
  "\t": "\\t",
  "\r": "\\r",
  '"': '\\"',
  "\\": "\\\\",
};

/**
 * A header path as git writes it: a name with control characters, a quote or a backslash is
 * C-quoted (`"a/we\nird/Dockerfile"`), so the header stays one line that patch and git apply read.
 */
export function diffPath(path: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched
  if (!/[\u0000-\u001f\u007f"\\]/.test(path)) return path;
  const body = [...path]
    .map((c) => {
      const code = c.codePointAt(0)!;
      if (C_ESCAPES[c]) return C_ESCAPES[c];
      return code < 0x20 || code === 0x7f ? `\\${code.toString(8).padStart(3, "0")}` : c;
    })
    .join("");
  return `"${body}"`;
}
