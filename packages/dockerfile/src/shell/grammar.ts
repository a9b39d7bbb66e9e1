import { itemsWithPipesCut, judgedInPlace, OPENERS } from "./grammar-pipes.js";
import type { Item, Script } from "./script.js";
import { ShellSyntaxError } from "./syntax-error.js";

/**
 * The flat item list reads any order of keywords; sh does not. A whole script (a RUN, a
 * here-document body) whose compound commands do not close, or close out of order, fails before
 * any of it runs (`apt-get install -y curl && (`, `if then fi …`), so it is no script to rewrite:
 * this throws as the tokenizer does for an unterminated quote. Fragments (a branch, a `$( )`)
 * are parsed without it.
 */
export function assertWholeScript(script: Script): void {
  if (!readBySh(script.text)) return;
  const items = itemsWithPipesCut(script);
  if (items === undefined) return;
  const frames: Frame[] = [];
  let last: Item | undefined;
  try {
    for (const it of items) {
      if (it.kind === "op" && it.op === "\n") continue;
      step(frames, it, last, script.text);
      last = it;
    }
  } catch (err) {
    if (err instanceof Lenient) return;
    throw err;
  }
  if (last?.kind === "op" && CHAINS.has(last.op)) fail(`nothing after "${last.op}"`, last.start);
  const open = frames[frames.length - 1];
  if (open) fail(`"${open.word}" is never closed`, open.start);
}

/** A here-document script may name its interpreter: python's or perl's text is no sh to judge. */
function readBySh(text: string): boolean {
  const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text);
  if (!shebang) return true;
  const program = shebang[1]!.endsWith("/env") ? (shebang[2] ?? "") : shebang[1]!;
  return /(?:^|\/)(?:sh|ash|dash|bash|busybox)$/.test(program);
}

interface Frame {
  word: string;
  /** A loop opened by `for`: its list may hold the word `do` (`for x in do; do`), read as a keyword. */
  fromFor?: boolean;
  start: number;
  /** What the frame reads now: a test (if/elif/while), a body, or a case's arms. */
  part: "test" | "body" | "else" | "arms" | "for";
  /** A command stands in the current part: sh refuses an empty test or body. */
  filled: boolean;
}

const CHAINS = new Set(["&&", "||", "|"]);
const CLOSER: Record<string, string> = { fi: "if", done: "loop", esac: "case", "}": "{", ")": "(" };

function step(frames: Frame[], it: Item, last: Item | undefined, text: string): void {
  const top = frames[frames.length - 1];
  if (it.kind === "pattern") {
    if (top) top.filled = true;
    return;
  }
  if (it.kind === "pipeline") {
    if (it.commands.some((c) => BASH_ONLY.has(c.args[0]?.raw ?? ""))) throw new Lenient();
    if (top) top.filled = true;
    pipedWords(frames, it);
    return;
  }
  if (it.kind === "header") {
    if (top) top.filled = true;
    // The header leaves its keyword out of `words`; `for x in` and `case x in` read alike there.
    const isCase = text.startsWith("case", it.start);
    // `for do in …`: the list stopped at the name; the items after it cannot be trusted.
    if (!isCase && (it.words.length === 0 || it.words[0]!.raw === "do")) throw new Lenient();
    frames.push({
      ...(isCase ? {} : { fromFor: true }),
      word: isCase ? "case" : "for",
      start: it.start,
      part: isCase ? "arms" : "for",
      filled: false,
    });
    return;
  }
  if (it.kind === "op") {
    operator(top, it, last);
    return;
  }
  // `(a) | ! b`: sh reads `!` only at the head of a pipeline.
  if (it.word === "!" && last?.kind === "op" && last.op === "|")
    fail('"!" right after "|"', it.start);
  keyword(frames, it.word, it.start);
}

type OpItem = Item & { kind: "op" };

function operator(top: Frame | undefined, it: OpItem, last: Item | undefined): void {
  const inCase = top?.word === "case";
  if (it.op === ";&" || it.op === ";;&") {
    bashCaseEnd(top, it, last);
    return;
  }
  // bash's `|&` (the item list reads it as `|` and `&`).
  if (it.op === "&" && last?.kind === "op" && last.end === it.start && last.op === "|") {
    throw new Lenient();
  }
  // sh, dash, busybox and bash read `;;` only where it ends a case arm (`echo a;;` is no script).
  if (it.op === ";;" && !inCase) fail('";;" outside a case', it.start);
  if (last?.kind === "op" && CHAINS.has(last.op)) {
    fail(`"${it.op}" right after "${last.op}"`, it.start);
  }
  if (CHAINS.has(it.op) && !endsCommand(last)) {
    fail(`"${it.op}" with no command before it`, it.start);
  }
  // `a;&`, `a & ;`: a separator ends a command, and there is none after another separator. Not
  // in a case, where bash reads `b &;& c)` (`&` and a `;&` arm end).
  const afterSeparator = last?.kind === "op" && SEPARATORS.has(last.op);
  if ((it.op === ";" || it.op === "&") && afterSeparator && !inCase) {
    fail(`"${it.op}" right after "${last.op}"`, it.start);
  }
}

/**
 * bash's case arm ends: `;;&` is judged as the `;;` it starts with (the next pattern follows it);
 * a `;&` arm is bash's own and not judged, and no sh reads `;&` outside a case (`echo a;&`).
 */
function bashCaseEnd(top: Frame | undefined, it: OpItem, last: Item | undefined): void {
  const semi = it.op === ";;&" ? ";;" : ";";
  operator(top, { ...it, op: semi, end: it.start + semi.length }, last);
  if (it.op === ";;&") return;
  if (top?.word === "case") throw new Lenient();
  fail('"&" right after ";"', it.start + 1);
}

/** Words that open bash's own compounds (`function f {`, `select x in …; do`): not judged. */
const BASH_ONLY = new Set(["function", "select", "coproc"]);
const SEPARATORS = new Set([";", "&", ";;"]);

/**
 * A pipeline's later commands: `a | ! b` is no sh (nor bash). A compound after a pipe that
 * `judgedInPlace` takes opens here, as after a `;` (sh admits the same compound after both), the
 * rest of its command filling its test; any other is one `itemsWithPipesCut` could not cut, and
 * is not judged.
 */
function pipedWords(frames: Frame[], it: Item & { kind: "pipeline" }): void {
  for (let k = 1; k < it.commands.length; k++) {
    const cmd = it.commands[k]!;
    const top = frames[frames.length - 1];
    if (top) top.filled = true;
    const word = cmd.args[0];
    if (word === undefined || word.start !== cmd.start) continue;
    if (word.raw === "!") fail('"!" right after "|"', word.start);
    if (!OPENERS.has(word.raw)) continue;
    if (!judgedInPlace(cmd)) throw new Lenient();
    if (!Number.isFinite(it.commands[k - 1]!.end)) throw new Lenient();
    keyword(frames, word.raw, word.start);
    const empty = cmd.args.length === 1 && cmd.redirects.length === 0;
    // `a | while | c`: sh reads `while ; | c`, a pipe with no command before it.
    if (empty && k + 1 < it.commands.length) fail('"|" with no command before it', cmd.end);
    if (!empty) frames[frames.length - 1]!.filled = true;
  }
}

/** Thrown where the item list cannot be judged: the script is taken as sh reads it. */
class Lenient extends Error {}

const ENDS = new Set([")", "}", "fi", "done", "esac"]);

/** A pipeline, or the keyword that closes a compound command: what `&&`, `||` and `|` follow. */
function endsCommand(last: Item | undefined): boolean {
  return last?.kind === "pipeline" || (last?.kind === "keyword" && ENDS.has(last.word));
}

function keyword(frames: Frame[], word: string, start: number): void {
  const top = frames[frames.length - 1];
  switch (word) {
    case "if":
    case "while":
    case "until":
    case "{":
    case "(":
      if (top) top.filled = true;
      frames.push({
        word: word === "while" || word === "until" ? "loop" : word,
        start,
        part: word === "{" || word === "(" ? "body" : "test",
        filled: false,
      });
      return;
    case "then":
      expect(top, "if", "test", word, start);
      top!.part = "body";
      top!.filled = false;
      return;
    case "elif":
    case "else":
      expect(top, "if", "body", word, start);
      top!.part = word === "elif" ? "test" : "else";
      top!.filled = false;
      return;
    case "do":
      if (top?.fromFor && top.part === "body" && !top.filled) return;
      if (top?.word === "for" && top.part === "for") top.word = "loop";
      else expect(top, "loop", "test", word, start);
      top!.part = "body";
      top!.filled = false;
      return;
    case "fi":
    case "done":
    case "esac":
    case "}":
    case ")":
      close(frames, word, start);
      return;
    default:
      // `!` and anything else the item list calls a keyword opens nothing.
      return;
  }
}

function expect(
  top: Frame | undefined,
  word: string,
  part: Frame["part"],
  got: string,
  at: number,
) {
  if (top?.word !== word || top.part !== part) fail(`"${got}" unexpected`, at);
  if (!top!.filled) fail(`"${got}" after an empty list`, at);
}

function close(frames: Frame[], word: string, start: number): void {
  const top = frames.pop();
  if (top?.word !== CLOSER[word]) fail(`"${word}" unexpected`, start);
  const part = top!.part;
  if ((word === "fi" || word === "done") && part !== "body" && part !== "else") {
    fail(`"${word}" unexpected`, start);
  }
  // `name() …` opens with an empty `( )`, and `case x in esac` is sh; other empty bodies are not.
  if (!top!.filled && word !== ")" && word !== "esac") fail(`"${word}" after an empty list`, start);
  const outer = frames[frames.length - 1];
  if (outer) outer.filled = true;
}

function fail(message: string, offset: number): never {
  throw new ShellSyntaxError(message, offset);
}
