/** One string of an exec-form (JSON array) instruction, and where each of its characters came from. */
export interface ExecWord {
  value: string;
  /** `at[i]` is the index in the instruction's argument text of `value[i]` (its escape's `\`). */
  at: number[];
  /** Index of the opening quote in the argument text. */
  start: number;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * The strings of an exec-form `["sh", "-c", "…"]` with their positions, so a note on a command
 * inside the `-c` string can point at that command. Undefined when the text is no JSON array of
 * strings (Docker then runs it through a shell itself).
 */
export function execWords(text: string): ExecWord[] | undefined {
  const start = text.indexOf("[");
  if (start < 0 || text.slice(0, start).trim() !== "") return undefined;
  const out: ExecWord[] = [];
  let i = skipSpace(text, start + 1);
  if (text[i] === "]") return text.slice(i + 1).trim() === "" ? out : undefined;
  for (;;) {
    if (text[i] !== '"') return undefined;
    const word = readString(text, i);
    if (!word) return undefined;
    out.push(word.word);
    i = skipSpace(text, word.end);
    if (text[i] === "]") return text.slice(i + 1).trim() === "" ? out : undefined;
    if (text[i] !== ",") return undefined;
    i = skipSpace(text, i + 1);
  }
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** A JSON string starting at the quote at `open`: its value and the index after its closing quote. */
function readString(text: string, open: number): { word: ExecWord; end: number } | undefined {
  let value = "";
  const at: number[] = [];
  let i = open + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return { word: { value, at, start: open }, end: i + 1 };
    if (c.charCodeAt(0) < 0x20) return undefined;
    if (c !== "\\") {
      value += c;
      at.push(i);
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === "u") {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
      value += String.fromCharCode(Number.parseInt(hex, 16));
      at.push(i);
      i += 6;
      continue;
    }
    const plain = e === undefined ? undefined : ESCAPES[e];
    if (plain === undefined) return undefined;
    value += plain;
    at.push(i);
    i += 2;
  }
  return undefined;
}
