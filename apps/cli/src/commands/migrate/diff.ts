/** A unified diff of two texts, line by line (Myers' O(ND) algorithm), with `context` lines around changes. */
export function unifiedDiff(before: string, after: string, label: string, context = 3): string {
  if (before === after) return "";
  const a = splitKeep(before);
  const b = splitKeep(after);
  const ops = diffLines(a, b);
  const hunks = groupHunks(ops, context);
  const name = label.replace(/^\/+/, "");
  const out = [`--- a/${name}`, `+++ b/${name}`];
  for (const h of hunks) {
    out.push(`@@ -${range(h.aStart, h.aLen)} +${range(h.bStart, h.bLen)} @@`);
    for (const op of h.ops) {
      const line = op.kind === "=" ? a[op.a]! : op.kind === "-" ? a[op.a]! : b[op.b]!;
      const prefix = op.kind === "=" ? " " : op.kind;
      out.push(prefix + line.replace(/\r?\n$/, ""));
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

function diffLines(a: string[], b: string[]): LineOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
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
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return backtrack(trace, n, m);
}

function backtrack(trace: Int32Array[], n: number, m: number): LineOp[] {
  const ops: LineOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const w = trace[d]!;
    // w[0] is diagonal -d-1
    const at = (k: number) => w[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: "=", a: --x, b: --y });
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: "+", a: x, b: --y });
    else ops.push({ kind: "-", a: --x, b: y });
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
