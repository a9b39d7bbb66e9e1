import { countBelow } from "../sorted.js";
import { type KnownEnds, keepEnds, withKnownEnds } from "./known-ends.js";
import { RESERVED_WORDS as RESERVED } from "./reserved-words.js";
import { ShellSyntaxError, tokenize } from "./tokenize.js";
import type { Op, Redirect, Token, Word } from "./tokens.js";

export interface SimpleCommand {
  /** Leading `NAME=value` words. */
  assignments: Word[];
  /** The command name and its arguments. */
  args: Word[];
  redirects: Redirect[];
  start: number;
  end: number;
  /** Literal command name, when it has one. */
  name: string | undefined;
}

export interface Pipeline {
  kind: "pipeline";
  commands: SimpleCommand[];
  start: number;
  end: number;
  /** It ends in `|` into a `( … )` subshell, whose items follow it in the list. */
  feedsCompound?: boolean;
}

export interface Keyword {
  kind: "keyword";
  word: string;
  start: number;
  end: number;
}

/** A `case` arm label list, `a|b)`. */
export interface CasePattern {
  kind: "pattern";
  labels: Word[];
  start: number;
  end: number;
}

/** `for x in …` and `case WORD in`: words that are not a command. */
export interface Header {
  kind: "header";
  words: Word[];
  start: number;
  end: number;
}

export type Item = Pipeline | Keyword | CasePattern | Header | Op;

export interface Script {
  text: string;
  items: Item[];
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/**
 * Parses a script into a flat list of pipelines, keywords and separators. `known`: the ends of
 * its expansions already found, when it is read out of another script's text (a `$( )`'s).
 */
export function parseScript(text: string, known?: KnownEnds): Script {
  const ends = known ?? { ends: new Map<number, number>(), offset: 0 };
  const script = withKnownEnds(text, ends, () => readScript(text));
  keepEnds(script, ends);
  return script;
}

function readScript(text: string): Script {
  const tokens = tokenize(text);
  const items: Item[] = [];
  let i = 0;
  let caseDepth = 0;
  let inPattern = false;
  while (i < tokens.length) {
    const tok = tokens[i]!;
    if (inPattern) {
      if (tok.kind === "op" && (tok.op === "\n" || tok.op === ";")) {
        items.push(tok);
        i++;
        continue;
      }
      if (tok.kind === "word" && tok.raw === "esac") {
        items.push({ kind: "keyword", word: "esac", start: tok.start, end: tok.end });
        caseDepth--;
        inPattern = false;
        i++;
        continue;
      }
      const pattern = readPattern(tokens, i);
      items.push(pattern.item);
      i = pattern.next;
      inPattern = false;
      continue;
    }
    if (tok.kind === "op") {
      // `;&` leaves the next pattern to be read as a command: see the README's known limitations.
      if ((tok.op === ";;" || tok.op === ";;&") && caseDepth > 0) inPattern = true;
      if (tok.op === "(" || tok.op === ")") {
        items.push({ kind: "keyword", word: tok.op, start: tok.start, end: tok.end });
      } else items.push(tok);
      i++;
      continue;
    }
    if (tok.kind === "word" && (tok.raw === "for" || tok.raw === "case")) {
      const header = readHeader(tokens, i, tok.raw);
      items.push(header.item);
      i = header.next;
      if (tok.raw === "case") {
        caseDepth++;
        inPattern = true;
      }
      continue;
    }
    if (tok.kind === "word" && RESERVED.has(tok.raw)) {
      items.push({ kind: "keyword", word: tok.raw, start: tok.start, end: tok.end });
      i++;
      continue;
    }
    const pipeline = readPipeline(tokens, i);
    items.push(pipeline.item);
    i = pipeline.next;
  }
  return { text, items };
}

function readPattern(tokens: Token[], start: number): { item: CasePattern; next: number } {
  const labels: Word[] = [];
  let i = start;
  if (tokens[i]?.kind === "op" && (tokens[i] as Op).op === "(") i++;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "word") labels.push(t);
    else if (t.kind === "op" && t.op === ")") break;
  }
  const end = tokens[i]?.end ?? tokens[tokens.length - 1]?.end ?? 0;
  return { item: { kind: "pattern", labels, start: tokens[start]!.start, end }, next: i + 1 };
}

function readHeader(tokens: Token[], start: number, kind: string): { item: Header; next: number } {
  const words: Word[] = [];
  let i = start + 1;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "op") break;
    if (t.kind === "word") {
      words.push(t);
      if (kind === "case" && t.raw === "in") {
        i++;
        break;
      }
      if (kind === "for" && t.raw === "do") break;
    }
  }
  const last = tokens[i - 1]!;
  return { item: { kind: "header", words, start: tokens[start]!.start, end: last.end }, next: i };
}

function readPipeline(tokens: Token[], start: number): { item: Pipeline; next: number } {
  const commands: SimpleCommand[] = [];
  let feedsCompound = false;
  let i = start;
  for (;;) {
    const cmd = readSimple(tokens, i);
    commands.push(cmd.command);
    i = cmd.next;
    const t = tokens[i];
    if (t?.kind !== "op" || t.op !== "|") break;
    let k = i + 1;
    while (tokens[k]?.kind === "op" && (tokens[k] as Op).op === "\n") k++;
    // `a | ( b )`: the pipe feeds a subshell, which the item list holds as keywords after it.
    if (tokens[k]?.kind === "op") {
      feedsCompound = true;
      break;
    }
    i = k;
    if (i >= tokens.length) break;
  }
  const first = commands[0]!;
  const last = commands[commands.length - 1]!;
  const item: Pipeline = {
    kind: "pipeline",
    commands: exact(commands),
    start: first.start,
    end: last.end,
  };
  if (feedsCompound) item.feedsCompound = true;
  return { item, next: i };
}

/**
 * The items of a list built by push, in an array of their number: one grown by push keeps room
 * for 17, and a RUN of 200,000 commands keeps three such lists each.
 */
function exact<T>(items: T[]): T[] {
  return items.length === 0 ? [] : items.slice();
}

function readSimple(tokens: Token[], start: number): { command: SimpleCommand; next: number } {
  const assignments: Word[] = [];
  const args: Word[] = [];
  const redirects: Redirect[] = [];
  let i = start;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "op") break;
    if (t.kind === "redir") redirects.push(t);
    else if (args.length === 0 && ASSIGNMENT.test(t.raw)) assignments.push(t);
    else args.push(t);
  }
  // A loop, not Math.min(...spread): a command may have more words than the stack has room for.
  let startOffset = Number.POSITIVE_INFINITY;
  let endOffset = Number.NEGATIVE_INFINITY;
  for (const t of [...assignments, ...args, ...redirects]) {
    startOffset = Math.min(startOffset, t.start);
    endOffset = Math.max(endOffset, t.end);
  }
  return {
    command: {
      assignments: exact(assignments),
      args: exact(args),
      redirects: exact(redirects),
      start: startOffset,
      end: endOffset,
      name: args[0]?.value,
    },
    next: i,
  };
}

/** The text read as a script, or undefined when it is no sh (a string another shell reads). */
export function scriptOrUndefined(text: string, known?: KnownEnds): Script | undefined {
  try {
    return parseScript(text, known);
  } catch (err) {
    if (err instanceof ShellSyntaxError) return undefined;
    throw err;
  }
}

/** Every simple command in the script, in order. */
export function simpleCommands(script: Script): SimpleCommand[] {
  return script.items.flatMap((it) => (it.kind === "pipeline" ? it.commands : []));
}

const OPENS = new Set(["if", "while", "until"]);
const CLOSES = new Set(["fi", "done", "esac"]);

/**
 * Whether script offset `at` lies inside an `if`, `case`, loop or function body (a command there
 * may not run, or run more than once).
 */
export function isNested(script: Script, at: number): boolean {
  // Depth after each item, computed once per script: a RUN with thousands of commands asks
  // this for each of them.
  let index = nesting.get(script);
  if (!index) {
    index = nestingDepths(script.items);
    nesting.set(script, index);
  }
  // The last item that starts before `at` (items are in source order).
  const before = countBelow(index.starts, at);
  return before > 0 && index.depths[before - 1]! > 0;
}

function nestingDepths(items: readonly Item[]): { starts: number[]; depths: number[] } {
  const starts: number[] = [];
  const depths: number[] = [];
  let depth = 0;
  // Each open `{`: whether it is a function body, which counts; a plain `{ …; }` group does not.
  const braces: boolean[] = [];
  for (const [k, it] of items.entries()) {
    if (it.kind === "header") depth++;
    else if (it.kind === "keyword" && OPENS.has(it.word)) depth++;
    else if (it.kind === "keyword" && CLOSES.has(it.word)) depth--;
    else if (it.kind === "keyword" && it.word === "{") {
      const body = opensFunction(items, k);
      braces.push(body);
      if (body) depth++;
    } else if (it.kind === "keyword" && it.word === "}" && braces.pop()) depth--;
    starts.push(it.start);
    depths.push(depth);
  }
  return { starts, depths };
}

/** The `{` at `k` follows `name()` (newlines between allowed): a POSIX function definition. */
export function opensFunction(items: readonly Item[], k: number): boolean {
  return functionName(items, k) !== undefined;
}

/** The name of the function whose body the `{` at `k` opens (`name() {`), else undefined. */
export function functionName(items: readonly Item[], k: number): string | undefined {
  let i = k - 1;
  while (i >= 0 && items[i]!.kind === "op" && (items[i] as Op).op === "\n") i--;
  const [name, open, close] = [items[i - 2], items[i - 1], items[i]];
  const named =
    close?.kind === "keyword" &&
    close.word === ")" &&
    open?.kind === "keyword" &&
    open.word === "(" &&
    name?.kind === "pipeline" &&
    name.commands.length === 1 &&
    name.commands[0]!.args.length === 1;
  return named ? name.commands[0]!.args[0]!.raw : undefined;
}

const nesting = new WeakMap<Script, { starts: number[]; depths: number[] }>();
