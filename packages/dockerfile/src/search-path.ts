import { posix } from "node:path";
import { splitWords } from "./parse/logical.js";
import type { Instruction } from "./parse/types.js";

/** The PATH Docker gives a container whose image sets none (Alpine's and Debian's images keep it). */
export const DEFAULT_PATH: readonly string[] = [
  "/usr/local/sbin",
  "/usr/local/bin",
  "/usr/sbin",
  "/usr/bin",
  "/sbin",
  "/bin",
];

/**
 * The search path after an `ENV` instruction: `ENV PATH=/app/bin:$PATH` (or `ENV PATH /app/bin:…`)
 * sets it, `$PATH` standing where the folders before it go, so `$PATH:/opt/bin` searches
 * `/opt/bin` last. A folder named through another variable, or relative, is unknown and left out;
 * other ENV instructions leave the path as it is.
 */
export function pathAfterEnv(ins: Instruction, current: readonly string[]): readonly string[] {
  if (ins.keyword !== "ENV") return current;
  const words = splitWords(ins.args.text).map((w) => unquoted(w.text));
  const value =
    words[0] === "PATH" && words.length >= 2
      ? words.slice(1).join(" ")
      : words.findLast((w) => w.startsWith("PATH="))?.slice("PATH=".length);
  if (value === undefined) return current;
  const dirs = value
    .split(":")
    .flatMap((part) => (/^\$(?:PATH|\{PATH\})$/.test(part) ? [...current] : [part]))
    .filter((dir) => dir.startsWith("/") && !dir.includes("$"))
    .map((dir) => posix.normalize(dir).replace(/(.)\/+$/, "$1"));
  return [...new Set(dirs)];
}

/** A word as the builder reads it: quotes group and are removed, a backslash keeps the next character. */
function unquoted(word: string): string {
  let out = "";
  let quote: string | undefined;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === "\\" && quote === '"' && i + 1 < word.length) out += word[++i];
      else out += ch;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "\\" && i + 1 < word.length) out += word[++i];
    else out += ch;
  }
  return out;
}
