import { countBelow } from "../sorted.js";
import type { Item, Pipeline } from "./script.js";
import type { ShellSource } from "./source.js";

/** A file-space change produced by a shell-level plan. */
export interface SpanEdit {
  start: number;
  end: number;
  text: string;
}

interface Spanned {
  start: number;
  end: number;
}

const LIST_START = new Set(["if", "while", "until", "{", "(", "!"]);
const COMPOUND_START = new Set(["for", "case", "select"]);
const LIST_END = new Set(["fi", "done", "}", ")", "esac"]);

/** Newline offsets of the last file asked about: a long one-line RUN asks many times. */
let newlinesOf: { file: string; at: number[] } | undefined;

function newlines(file: string): number[] {
  if (newlinesOf?.file !== file) {
    const at: number[] = [];
    for (let i = file.indexOf("\n"); i !== -1; i = file.indexOf("\n", i + 1)) at.push(i);
    newlinesOf = { file, at };
  }
  return newlinesOf.at;
}

function lineStartOf(file: string, offset: number): number {
  const nl = newlines(file);
  const before = countBelow(nl, offset);
  return before === 0 ? 0 : nl[before - 1]! + 1;
}

function lineEndOf(file: string, offset: number): number {
  const nl = newlines(file);
  const before = countBelow(nl, offset);
  return before < nl.length ? nl[before]! : file.length;
}

function sameLine(src: ShellSource, a: number, b: number): boolean {
  const [s] = src.span(a, a);
  const [e] = src.span(b, b);
  return !src.file.slice(Math.min(s, e), Math.max(s, e)).includes("\n");
}

/**
 * When the run occupies whole source lines (only blanks and separators around it), the file span
 * of those lines, so continuation layout survives the deletion. For pipelines exactly one
 * separator must go with the lines (the one after the run when it opens its list), or the
 * neighbours would be glued with two separators or none.
 */
function wholeLines(
  src: ShellSource,
  first: Spanned,
  last: Spanned,
  separators: boolean,
  hasPrev: boolean,
): [number, number] | undefined {
  const [s] = src.span(first.start, first.end);
  const [, e] = src.span(last.start, last.end);
  const ls = lineStartOf(src.file, s);
  const le = lineEndOf(src.file, e);
  const prefix = src.file.slice(ls, s);
  const suffix = src.file.slice(e, le).replace(/\r$/, "");
  const pm = separatorLine(prefix, "");
  if (!pm || (!separators && pm[1])) return undefined;
  const cont = separatorLine(suffix, src.escapeChar === "`" ? "`" : "\\");
  const bare = src.direct ? separatorLine(suffix, "") : null;
  const sm = cont ?? bare;
  if (!sm || (!separators && sm[1])) return undefined;
  if (separators) {
    // In a heredoc, `a &&` ending the line above joins this line to it: that operator is ours.
    const joined = src.direct && operatorEndsLine(src.file, ls);
    const before = pm[1] || joined ? 1 : 0;
    // A heredoc line's own newline separates it from the next command.
    const after = sm[1] || (!cont && bare) ? 1 : 0;
    if (before + after !== 1 || (!hasPrev && after !== 1)) return undefined;
  }
  return [ls, Math.min(le + 1, src.file.length)];
}

interface RunOptions<T> {
  separators: boolean;
  fallback?: string;
  /** Whether two deleted neighbours belong to one run. */
  joins?: (a: T, b: T) => boolean;
  /** Whether a kept element may follow / precede the run once it is gone. */
  validNext?: (el: T) => boolean;
  validPrev?: (el: T) => boolean;
}

/**
 * Deletes runs of neighbouring elements (words of one command, or pipelines of one list) and
 * takes the right amount of separator and whitespace with them.
 */
function deleteRuns<T extends Spanned>(
  src: ShellSource,
  elements: readonly T[],
  deleted: ReadonlySet<T>,
  options: RunOptions<T>,
): SpanEdit[] {
  const edits: SpanEdit[] = [];
  let k = 0;
  while (k < elements.length) {
    if (!deleted.has(elements[k]!)) {
      k++;
      continue;
    }
    let j = k;
    while (
      j + 1 < elements.length &&
      deleted.has(elements[j + 1]!) &&
      (options.joins?.(elements[j]!, elements[j + 1]!) ?? true)
    )
      j++;
    edits.push(runEdit(src, elements, deleted, k, j, options));
    k = j + 1;
  }
  return edits;
}

function runEdit<T extends Spanned>(
  src: ShellSource,
  elements: readonly T[],
  deleted: ReadonlySet<T>,
  k: number,
  j: number,
  options: RunOptions<T>,
): SpanEdit {
  const first = elements[k]!;
  const last = elements[j]!;
  const next = elements[j + 1];
  const prev = elements[k - 1];
  const nextOk = next !== undefined && !deleted.has(next) && (options.validNext?.(next) ?? true);
  const prevOk = prev !== undefined && !deleted.has(prev) && (options.validPrev?.(prev) ?? true);
  const at = (offset: number) => src.span(offset, offset)[0];
  if (nextOk) {
    const lines = wholeLines(src, first, last, options.separators, prevOk);
    if (lines) return { start: lines[0], end: lines[1], text: "" };
    if (sameLine(src, last.end, next.start) || !prevOk) {
      return { start: at(first.start), end: at(next.start), text: "" };
    }
  }
  if (prevOk) return { start: at(prev.end), end: src.span(last.start, last.end)[1], text: "" };
  return {
    start: at(first.start),
    end: src.span(last.start, last.end)[1],
    text: options.fallback ?? "",
  };
}

/** Deletes words of one command (flags, package names). */
export function deleteWords<T extends Spanned>(
  src: ShellSource,
  words: readonly T[],
  deleted: ReadonlySet<T>,
): SpanEdit[] {
  return deleteRuns(src, words, deleted, { separators: false });
}

export interface PipelinePlan {
  edits: SpanEdit[];
  /** Every pipeline that does work was deleted: the whole RUN can go. */
  emptied: boolean;
}

const TRIVIAL = new Set(["set", "true", ":"]);

/**
 * Deletes pipelines from the script. A pipeline that is alone in an `if`/`case`/loop body becomes
 * `true` so the script still parses.
 */
export function deletePipelines(src: ShellSource, deleted: ReadonlySet<Pipeline>): PipelinePlan {
  if (deleted.size === 0) return { edits: [], emptied: false };
  const items = src.script.items;
  const pipelines = items.filter((it): it is Pipeline => it.kind === "pipeline");
  const structural = items.some((it) => it.kind !== "pipeline" && it.kind !== "op");
  const working = pipelines.filter((p) => !isTrivial(p));
  const emptied = !structural && working.every((p) => deleted.has(p));
  if (emptied) return { edits: [], emptied };
  const elements = items.filter((it) => it.kind !== "op") as (Item & Spanned)[];
  const { edits: chained, rest } = andOrEdits(src, items, elements, deleted);
  // `! apt-get clean; …`: the `!` stays, so the step does too, as `true` (`! true` keeps the status).
  for (const p of [...rest]) {
    const before = elements[elements.indexOf(p) - 1];
    if (before?.kind === "keyword" && before.word === "!") {
      rest.delete(p);
      const [s, e] = src.span(p.start, p.end);
      chained.push({ start: s, end: e, text: "true" });
    }
  }
  const edits = deleteRuns(src, elements, rest as ReadonlySet<Item & Spanned>, {
    separators: true,
    fallback: "true",
    joins: (a, b) => a.kind === "pipeline" && b.kind === "pipeline",
    validNext: (el) => el.kind === "pipeline" || isListStart(el),
    validPrev: (el) => el.kind === "pipeline" || isListEnd(el),
  });
  return { edits: [...chained, ...edits], emptied };
}

/**
 * Deleted pipelines joined to a neighbour by `&&` or `||`. A deleted pipeline did work that is not
 * needed (it stands for `true`), so: after `&&` it goes with that `&&` (`A && B || C` → `A || C`);
 * first in a chain it goes with the `&&` after it; next to an `||` it becomes `true`, because
 * `A || B`, `B || C` and `A || B && C` would change which commands run or the exit status.
 * The rest (separated by `;`, newlines, or list keywords) is left to the general deletion.
 */
function andOrEdits(
  src: ShellSource,
  items: readonly Item[],
  elements: readonly (Item & Spanned)[],
  deleted: ReadonlySet<Pipeline>,
): { edits: SpanEdit[]; rest: Set<Pipeline> } {
  const edits: SpanEdit[] = [];
  const rest = new Set(deleted);
  for (const chain of andOrChains(items)) {
    // A chain deleted whole goes with its separator, like any run of pipelines; so does one
    // whose only kept links are `true` (`groupdel x 2>/dev/null || true`): it would do nothing.
    if (chain.every((link) => deleted.has(link.pipeline))) continue;
    if (chain.every((link) => deleted.has(link.pipeline) || isNoop(link.pipeline))) {
      for (const link of chain) rest.add(link.pipeline);
      continue;
    }
    let leading = true;
    let kept: Pipeline | undefined;
    for (const [n, { pipeline, before, after }] of chain.entries()) {
      if (!deleted.has(pipeline)) {
        leading = false;
        kept = pipeline;
        continue;
      }
      const tail = chain.slice(n + 1).every((l) => deleted.has(l.pipeline));
      // `[ -z "$X" ] && apt-get clean` under `set -e`: the test may fail without ending the
      // script only while something follows its `&&`, so the step stays as `true`.
      if (before === "&&" && tail && kept && isCondition(kept)) {
        rest.delete(pipeline);
        const [s0, e0] = src.span(pipeline.start, pipeline.end);
        edits.push({ start: s0, end: e0, text: "true" });
        continue;
      }
      rest.delete(pipeline);
      const [s, e] = src.span(pipeline.start, pipeline.end);
      const k = elements.indexOf(pipeline);
      // `! apt-get clean && A`: the `!` stays, so the step must too.
      const negated =
        elements[k - 1]?.kind === "keyword" && (elements[k - 1] as { word: string }).word === "!";
      if (negated || before === "||" || (leading && after === "||")) {
        edits.push({ start: s, end: e, text: "true" });
        leading = false;
      } else if (leading) {
        const next = elements[k + 1]!;
        // What would open the RUN must not read as a RUN flag (`--mount=…`): keep `true` there.
        const flagLike =
          k === 0 && next.kind === "pipeline" && /^-/.test(next.commands[0]?.args[0]?.raw ?? "");
        if (flagLike) edits.push({ start: s, end: e, text: "true" });
        else edits.push({ start: s, end: src.span(next.start, next.start)[0], text: "" });
      } else {
        const next = elements[k + 1];
        // `A \⏎ && B && C`: taking `B && ` keeps A's line end where it was.
        const prevGone = deleted.has(elements[k - 1] as Pipeline);
        if (
          after === "&&" &&
          next &&
          !prevGone &&
          !deleted.has(next as Pipeline) &&
          sameLine(src, pipeline.end, next.start)
        ) {
          edits.push({ start: s, end: src.span(next.start, next.start)[0], text: "" });
          continue;
        }
        const prev = elements[k - 1]!;
        edits.push({ start: src.span(prev.end, prev.end)[0], end: e, text: "" });
      }
    }
  }
  return { edits, rest };
}

const CONDITIONS = new Set(["[", "[[", "test", "grep", "command", "which", "type", "false"]);

function isCondition(p: Pipeline): boolean {
  const name = p.commands[p.commands.length - 1]?.name;
  return name !== undefined && CONDITIONS.has(name);
}

interface ChainLink {
  pipeline: Pipeline;
  before: "&&" | "||" | undefined;
  after: "&&" | "||" | undefined;
}

/** Pipelines joined by `&&`/`||` (two or more), with the operator on each side. */
function andOrChains(items: readonly Item[]): ChainLink[][] {
  const chains: ChainLink[][] = [];
  let current: ChainLink[] = [];
  let pending: "&&" | "||" | undefined;
  const close = () => {
    if (current.length > 1) chains.push(current);
    current = [];
    pending = undefined;
  };
  const push = (pipeline: Pipeline) => {
    if (pending === undefined && current.length > 0) close();
    const last = current[current.length - 1];
    if (last) last.after = pending;
    current.push({ pipeline, before: pending, after: undefined });
    pending = undefined;
  };
  for (const it of items) {
    if (it.kind === "pipeline") {
      push(it);
    } else if (it.kind === "op" && (it.op === "&&" || it.op === "||")) {
      pending = it.op;
    } else if (it.kind === "op" && it.op === "\n" && pending !== undefined) {
      // `A &&` at a line end (a heredoc line): the list goes on on the next line.
    } else if (pending !== undefined && (isCompoundStart(it) || isListEnd(it))) {
      // `apt-get update || { …; }`: the compound is a kept member of the chain; its body is a
      // list of its own.
      push(standIn(it));
      close();
    } else if (isListEnd(it)) {
      // `{ …; } || apt-get update`: the compound that just closed opens the next chain.
      close();
      push(standIn(it));
    } else {
      close();
    }
  }
  close();
  return chains;
}

/** A compound command's first item: `if`, `while`, `until`, `{`, `(`, or a `for`/`case` header. */
function isCompoundStart(it: Item): boolean {
  return (
    (it.kind === "keyword" &&
      (COMPOUND_START.has(it.word) || LIST_START.has(it.word)) &&
      it.word !== "!") ||
    it.kind === "header"
  );
}

/** An empty pipeline standing for a compound command in an `&&`/`||` chain; never deleted. */
function standIn(it: Item & Spanned): Pipeline {
  return { kind: "pipeline", commands: [], start: it.start, end: it.end };
}

function isListStart(it: Item): boolean {
  return (it.kind === "keyword" && LIST_START.has(it.word)) || it.kind === "header";
}

function isListEnd(it: Item): boolean {
  return it.kind === "keyword" && LIST_END.has(it.word);
}

/** `true` or `:` with no arguments or redirections. */
function isNoop(p: Pipeline): boolean {
  const c = p.commands[0];
  return (
    p.commands.length === 1 &&
    c !== undefined &&
    (c.name === "true" || c.name === ":") &&
    c.args.length === 1 &&
    c.redirects.length === 0 &&
    c.assignments.length === 0
  );
}

function isTrivial(p: Pipeline): boolean {
  return (
    p.commands.length === 1 && p.commands[0]!.name !== undefined && TRIVIAL.has(p.commands[0]!.name)
  );
}

/**
 * `^[ \t]*(;|&&|\|\|)?[ \t]*ESC[ \t]*$` (ESC the escape character, or none): blanks, an optional
 * separator (group 1), blanks, ESC, blanks. Read once from the start: the expression went back
 * over the leading blanks for each way to split them.
 */
export function separatorLine(
  text: string,
  escapeChar: string,
): [string, string | undefined] | null {
  let i = blanks(text, 0);
  const op = [";", "&&", "||"].find((o) => text.startsWith(o, i));
  if (op) i = blanks(text, i + op.length);
  if (escapeChar !== "") {
    if (text[i] !== escapeChar) return null;
    i = blanks(text, i + 1);
  }
  return i === text.length ? [text, op] : null;
}

function blanks(text: string, from: number): number {
  let i = from;
  while (text[i] === " " || text[i] === "\t") i++;
  return i;
}

/**
 * `/(?:&&|\|\||\|)[ \t]*\r?\n$/` on the text before `end`, read back from `end`: the expression
 * on a slice of the whole file went over all of it for each command.
 */
export function operatorEndsLine(text: string, end: number): boolean {
  let k = end;
  if (text[k - 1] !== "\n") return false;
  k--;
  if (text[k - 1] === "\r") k--;
  while (text[k - 1] === " " || text[k - 1] === "\t") k--;
  return text[k - 1] === "|" || (text[k - 1] === "&" && text[k - 2] === "&");
}
