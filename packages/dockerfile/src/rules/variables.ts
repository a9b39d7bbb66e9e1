import type { RuleId } from "../edits.js";
import type { PackageRecord } from "../migrate/types.js";
import { deleteWords } from "../shell/plan.js";
import type { Word } from "../shell/tokens.js";
import { mapPackages } from "./packages.js";
import type { ScriptScope, ValueSpan } from "./scope.js";

const VARIABLE = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/;

/** The value part of an assignment word `NAME='a b'`, quotes excluded, in script offsets. */
export function assignmentValue(
  word: Word,
): { name: string; from: number; to: number } | undefined {
  const eq = word.raw.indexOf("=");
  if (eq <= 0 || word.value === undefined) return undefined;
  let from = word.start + eq + 1;
  let to = word.end;
  const q = word.raw[eq + 1];
  if ((q === "'" || q === '"') && word.raw.endsWith(q) && word.raw.length > eq + 2) {
    from++;
    to--;
  }
  return { name: word.raw.slice(0, eq), from, to };
}

/**
 * Variables holding package lists (`buildDeps='gcc libc6-dev'; apt-get install $buildDeps`, or
 * an ENV in the stage): maps the names inside the value. Returns false when the value is unknown.
 */
export function variablePackages(
  scope: ScriptScope,
  word: Word,
  seen: Set<string>,
  tool: PackageRecord["tool"],
  rule: RuleId,
  /** The install is purged again in the same RUN (see `mapPackages`). */
  temporary = false,
): boolean {
  const m = VARIABLE.exec(word.raw);
  if (!m) return false;
  const name = m[1]!;
  const local = scope.variables.get(name);
  let span: ValueSpan | undefined;
  if (local) {
    const v = assignmentValue(local);
    if (v) span = { src: scope.src, from: v.from, to: v.to };
  } else span = scope.stage.values.get(name);
  if (!span) return false;
  // A value built by a command substitution is not a plain list of names: other rules edit
  // inside it (`$(dpkg --print-architecture)`), so it is left as unknown.
  if (/\$\(|`/.test(span.src.script.text.slice(span.from, span.to))) return false;
  const key = `${span.src.span(span.from, span.from)[0]}`;
  if (scope.stage.mappedValues.has(key)) return true;
  scope.stage.mappedValues.add(key);
  // Only a variable of this RUN is known to serve this install alone; a stage ENV/ARG list may
  // feed permanent installs elsewhere.
  mapValue(scope, span, seen, tool, rule, temporary && local !== undefined);
  return true;
}

function mapValue(
  scope: ScriptScope,
  span: ValueSpan,
  seen: Set<string>,
  tool: PackageRecord["tool"],
  rule: RuleId,
  temporary: boolean,
): void {
  const { ctx } = scope;
  const text = span.src.script.text.slice(span.from, span.to);
  const words: { start: number; end: number; value: string }[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const start = span.from + m.index;
    words.push({ start, end: start + m[0].length, value: m[0] });
  }
  const tokens = words.map((w) => ({ value: w.value, offset: span.src.span(w.start, w.start)[0] }));
  const mode = temporary ? "build-deps" : "install";
  const outcomes = mapPackages(
    ctx,
    scope.stage,
    tokens,
    seen,
    tool,
    rule,
    mode,
    scope.markedManual,
  );
  const deleted = new Set(words.filter((_, k) => outcomes[k]!.action === "delete"));
  if (deleted.size === words.length && words.length > 0) {
    ctx.warn(
      rule,
      tokens[0]!.offset,
      "every package in this list is unneeded on Alpine; the list is now empty",
    );
  }
  for (const e of deleteWords(span.src, words, deleted)) ctx.edit(rule, e.start, e.end, e.text);
  words.forEach((w, k) => {
    const o = outcomes[k]!;
    if (o.action !== "replace") return;
    const [s, e] = span.src.span(w.start, w.end);
    ctx.edit(rule, s, e, o.text);
  });
}
