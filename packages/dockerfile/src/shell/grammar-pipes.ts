import { RESERVED_WORDS } from "./reserved-words.js";
import { type Item, parseScript, type Script, type SimpleCommand } from "./script.js";

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

/**
 * Words the item list reads as keywords where a command starts (the package's reserved words),
 * with the openers it also reads there and `in` of a `for`/`case` header.
 */
const RESERVED = new Set([...RESERVED_WORDS, ...OPENERS, "in"]);

/**
 * Whether a compound after a pipe can be judged where it stands, with no second parse: a
 * `while`, `until` or `if` whose test command holds no word the item list would have read as a
 * keyword after a `;` (`a | while read l; do`). A piped `case` is not read into arms, `{`'s
 * command may hold keywords, and `a | for x do` reads `do` as a word: those need the text parsed
 * again, which a RUN of megabytes of `… | while …` lines is spared.
 */
export function judgedInPlace(cmd: SimpleCommand): boolean {
  const [word, ...rest] = cmd.args;
  if (word === undefined || !/^(?:while|until|if)$/.test(word.raw)) return false;
  return rest.length > 0 && !rest.some((w) => RESERVED.has(w.raw));
}

/** Offsets of the `|` before each piped compound, up to the first piped `case`; none if all are judged in place. */
function pipesToCut(items: readonly Item[], text: string): number[] | undefined {
  const cuts: number[] = [];
  let needed = false;
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
      needed ||= !judgedInPlace(cmd);
      if (word.raw === "case") return cuts;
    }
  }
  return needed ? cuts : [];
}
