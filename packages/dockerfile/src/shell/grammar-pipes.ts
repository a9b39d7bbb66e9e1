import { type Item, parseScript, type Script } from "./script.js";

/** Words that open a compound command where a command may start. */
export const OPENERS = new Set(["if", "while", "until", "{", "for", "case"]);

/**
 * More piped `case` commands than a script plausibly has: each costs a parse of the whole text,
 * so past this many (or this many characters parsed again, for a RUN of megabytes) the check
 * lets the script be, as it did before it judged piped compounds.
 */
const MAX_ROUNDS = 16;
const MAX_REPARSED = 4_000_000;

/**
 * The item list with every pipe into a compound command (`a | while …`, `a | case …`,
 * `a | { …`) read as a `;`: the tokenizer takes the keyword after `|` for a command word, so the
 * compound is not read as one, and a piped `case` is not read into arms at all (its patterns
 * become pipelines, `;;` a plain operator). A pipe and a `;` admit the same compound after them,
 * so sh's verdict on the text is the same. Each round cuts the pipes up to the first piped
 * `case` only: after it, the items are wrong until it is parsed again. Undefined when the pipes
 * cannot be cut (a pipe with no command before it, or too many rounds).
 */
export function itemsWithPipesCut(script: Script): Item[] | undefined {
  let { text, items } = script;
  for (let round = 0; ; round++) {
    const cuts = pipesToCut(items, text);
    if (cuts === undefined) return undefined;
    if (cuts.length === 0) return items;
    if (round === MAX_ROUNDS || (round + 1) * text.length > MAX_REPARSED) return undefined;
    text = cutAt(text, cuts);
    items = parseScript(text).items;
  }
}

/** The text with a `;` for the character at each of `offsets` (ascending). */
function cutAt(text: string, offsets: readonly number[]): string {
  let out = "";
  let from = 0;
  for (const at of offsets) {
    out += `${text.slice(from, at)};`;
    from = at + 1;
  }
  return out + text.slice(from);
}

/** Offsets of the `|` before each piped compound, up to the first piped `case`. */
function pipesToCut(items: readonly Item[], text: string): number[] | undefined {
  const cuts: number[] = [];
  for (const it of items) {
    if (it.kind !== "pipeline") continue;
    for (let k = 1; k < it.commands.length; k++) {
      const cmd = it.commands[k]!;
      const word = cmd.args[0];
      // `X=1 case`, `>f if`: the word is a command name there, not a keyword.
      if (word === undefined || word.start !== cmd.start || !OPENERS.has(word.raw)) continue;
      const before = it.commands[k - 1]!;
      if (!Number.isFinite(before.end)) return undefined;
      // Only blanks and line continuations stand between a command and its `|`.
      const at = text.indexOf("|", before.end);
      if (at === -1 || at >= cmd.start) return undefined;
      cuts.push(at);
      if (word.raw === "case") return cuts;
    }
  }
  return cuts;
}
