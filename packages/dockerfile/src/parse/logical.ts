import type { LogicalText } from "./types.js";

/** Source span `[start, end)` of the logical span `[from, to)`. An empty span maps to a point. */
export function sourceSpan(args: LogicalText, from: number, to: number): [number, number] {
  const start = from < args.map.length ? args.map[from]! : args.end;
  if (to <= from) return [start, start];
  const last = args.map[to - 1];
  return [start, last === undefined ? args.end : last + 1];
}

export interface WordSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * Whitespace-separated words of instruction arguments, with quotes kept in `text` but honoured
 * when splitting (`ARG A="x y"` is one word).
 */
export function splitWords(text: string): WordSpan[] {
  const words: WordSpan[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    let quote: string | undefined;
    while (i < text.length) {
      const c = text[i]!;
      if (quote) {
        if (c === "\\" && quote === '"') i++;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === "\\") i++;
      else if (/\s/.test(c)) break;
      i++;
    }
    words.push({ text: text.slice(start, i), start, end: i });
  }
  return words;
}
