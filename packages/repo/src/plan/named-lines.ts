import { mapLinesToOutput } from "./line-map.js";

/** Past this many lines in a changed stretch, a line is mapped as `mapLinesToOutput` maps it. */
const MAX_RUN = 2_000;

/**
 * Maps lines of `before` to lines of `after` (a rewrite of it) as `mapLinesToOutput` does, except
 * that a changed line goes to the line of the stretch that replaced it sharing the most words with
 * it, the nearer one in the stretch on a tie: `RUN useradd -m app && usermod -l web app` below an
 * apt-get block is `RUN adduser -D app && usermod -l web app`, not the line after the stretch.
 * For the lines a message names (`usermod -l on line 5`), which are instructions the rewrite
 * mostly keeps in order.
 */
export function mapNamedLines(
  before: string,
  after: string,
  forward: (line: number) => number = mapLinesToOutput(before, after),
): (line: number) => number {
  if (before === after) return forward;
  const a = before.split("\n");
  const b = after.split("\n");
  const kept = (line: number) => a[line - 1] === b[forward(line) - 1];
  return (line) => {
    if (line < 1 || line > a.length || kept(line)) return forward(line);
    let prev = line - 1;
    while (prev >= 1 && !kept(prev)) if (line - --prev > MAX_RUN) return forward(line);
    let next = line + 1;
    while (next <= a.length && !kept(next)) if (++next - line > MAX_RUN) return forward(line);
    const from = prev >= 1 ? forward(prev) + 1 : 1;
    const to = next <= a.length ? forward(next) - 1 : b.length;
    if (to < from || to - from >= MAX_RUN) return forward(line);
    const place = (line - prev) / (next - prev);
    return closest(a[line - 1]!, b, from, to, place) ?? forward(line);
  };
}

/** The line of `b` in `from..to` sharing the most words with `text`; undefined when none does. */
function closest(text: string, b: string[], from: number, to: number, place: number) {
  const words = new Set(text.split(/\s+/).filter(Boolean));
  let best: number | undefined;
  let bestScore = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let line = from; line <= to; line++) {
    const score = new Set((b[line - 1] ?? "").split(/\s+/).filter((w) => words.has(w))).size;
    const distance = Math.abs((line - from + 1) / (to - from + 2) - place);
    if (score > bestScore || (score === bestScore && score > 0 && distance < bestDistance)) {
      best = line;
      bestScore = score;
      bestDistance = distance;
    }
  }
  return best;
}
