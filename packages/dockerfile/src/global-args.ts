import type { ArgDefault } from "./arg-default.js";

// One map per list of global ARGs: a file with thousands of `FROM ${X}` stages asks once per
// stage, and a search of the list each time made migrating it grow with the square.
const maps = new WeakMap<readonly ArgDefault[], ReadonlyMap<string, ArgDefault>>();

/**
 * Name → the global ARG whose default a FROM reads. A name declared twice keeps its last
 * default: BuildKit adds each global ARG to the list the FROM lines expand from, in order, and
 * a later entry replaces an earlier one of the same name.
 */
export function globalArgMap(args: readonly ArgDefault[]): ReadonlyMap<string, ArgDefault> {
  let map = maps.get(args);
  if (!map) {
    const byName = new Map<string, ArgDefault>();
    for (const arg of args) byName.set(arg.name, arg);
    map = byName;
    maps.set(args, map);
  }
  return map;
}

/** The global ARG (declared before the first FROM) that gives `name` its default. */
export function globalArg(args: readonly ArgDefault[], name: string): ArgDefault | undefined {
  return globalArgMap(args).get(name);
}

/** `$X`, `${X}`, `${X:-word}`, `${X-word}`, `${X:+word}`, `${X+word}`, as BuildKit reads a FROM. */
export const VARIABLE = /\$(?:\{([A-Za-z_]\w*)(?:(:?[-+])([^}$]*))?\}|([A-Za-z_]\w*))/g;

/** One `$X` or `${X…}` of a FROM: where it is written, and its `op` and `word`, if any. */
export interface VariableUse {
  index: number;
  end: number;
  name: string;
  op?: string;
  word?: string;
  /** Where `word` starts in the text. */
  wordAt?: number;
}

const NAME = /[A-Za-z_]\w*/y;
const OP = /:?[-+]/y;

/**
 * The variables of a FROM in order, as BuildKit's word expansion reads them: the word of
 * `${X:-word}` may hold variables of its own (`${X:-${Y}}`), so it runs to the `}` that closes
 * its own `${`. A `${` that is never closed, or takes another modifier, is left as text (as the
 * VARIABLE pattern leaves it).
 */
export function variableUses(text: string): VariableUse[] {
  const uses: VariableUse[] = [];
  const closers = closingBraces(text);
  for (let i = text.indexOf("$"); i >= 0 && i < text.length; i = text.indexOf("$", i)) {
    const use = variableAt(text, i, closers);
    if (use) uses.push(use);
    i = use ? use.end : i + 1;
  }
  return uses;
}

/**
 * For each `${` (by the offset of its `$`), the `}` that closes it past the `${…}` inside its
 * word, in one pass: looked for from each `${` in turn, a text of many unclosed `${` would be
 * read once per `${`.
 */
function closingBraces(text: string): Map<number, number> {
  const closers = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      open.push(i);
      i++;
    } else if (text[i] === "}" && open.length > 0) closers.set(open.pop()!, i);
  }
  return closers;
}

function variableAt(
  text: string,
  at: number,
  closers: ReadonlyMap<number, number>,
): VariableUse | undefined {
  const braced = text[at + 1] === "{";
  NAME.lastIndex = at + (braced ? 2 : 1);
  const name = NAME.exec(text)?.[0];
  if (name === undefined) return undefined;
  const afterName = NAME.lastIndex;
  if (!braced) return { index: at, end: afterName, name };
  if (text[afterName] === "}") return { index: at, end: afterName + 1, name };
  OP.lastIndex = afterName;
  const op = OP.exec(text)?.[0];
  if (op === undefined) return undefined;
  const wordAt = OP.lastIndex;
  const close = closers.get(at);
  if (close === undefined) return undefined;
  return { index: at, end: close + 1, name, op, word: text.slice(wordAt, close), wordAt };
}

/**
 * Deepest `${X:-${Y:-…}}` nesting read: past it a word is left as written (unresolved), so a
 * hostile FROM cannot overflow the stack.
 */
const MAX_NESTING = 32;

/** `text` with each variable of a FROM (nested ones as one) replaced by `by(use)`. */
export function replaceFromVariables(text: string, by: (use: VariableUse) => string): string {
  let out = "";
  let last = 0;
  for (const use of variableUses(text)) {
    out += text.slice(last, use.index) + by(use);
    last = use.end;
  }
  return out + text.slice(last);
}

/**
 * What `${X<op>word}` comes to when X is `value` (undefined: no global ARG declares it), as
 * BuildKit expands it: the value, the word, nothing, or (a bare `$X` with no value) unknown
 * here, since it is given only at build time.
 */
function choose(
  op: string | undefined,
  value: string | undefined,
): "value" | "word" | "" | undefined {
  const set = value !== undefined;
  const nonEmpty = set && value !== "";
  switch (op) {
    case ":-":
      return nonEmpty ? "value" : "word";
    case "-":
      return set ? "value" : "word";
    case ":+":
      return nonEmpty ? "word" : "";
    case "+":
      return set ? "word" : "";
    default:
      return nonEmpty ? "value" : undefined;
  }
}

export interface ExpandedReference {
  /** The text with every variable that has a value replaced by it. */
  text: string;
  /** Variables left in `text` as written: no global ARG default gives them a value. */
  unresolved: string[];
}

/**
 * Longest expanded global ARG default kept: `ARG B=$A$A`, `ARG C=$B$B`, … doubles at each line,
 * and a hostile file must not make a reference of gigabytes. An ARG past it counts as unresolved.
 */
const MAX_EXPANDED = 8192;
/**
 * Text all the expanded defaults of one file may add up to: 100,000 such lines, each kept under
 * MAX_EXPANDED, would still hold hundreds of megabytes. Past it, a default that uses a variable
 * counts as unresolved.
 */
const MAX_EXPANDED_TOTAL = 1 << 20;

const expandedMaps = new WeakMap<readonly ArgDefault[], ReadonlyMap<string, ExpandedReference>>();

/**
 * Each global ARG's default as BuildKit sees it: expanded, in file order, from the global ARGs
 * declared before it (`ARG V=12` then `ARG BASE=debian:${V}` gives `debian:12`); a later
 * declaration of a name replaces an earlier one, for the lines after it.
 */
function expandedDefaults(args: readonly ArgDefault[]): ReadonlyMap<string, ExpandedReference> {
  let map = expandedMaps.get(args);
  if (!map) {
    const byName = new Map<string, ExpandedReference>();
    let budget = MAX_EXPANDED_TOTAL;
    for (const arg of args) {
      if (!arg.value.includes("$")) {
        byName.set(arg.name, { text: arg.value, unresolved: [] });
        continue;
      }
      const value = expandWith(arg.value, byName, Math.min(MAX_EXPANDED, budget));
      if (value) budget -= value.text.length;
      byName.set(arg.name, value ?? { text: `\${${arg.name}}`, unresolved: [arg.name] });
    }
    map = byName;
    expandedMaps.set(args, map);
  }
  return map;
}

/**
 * `written` expanded from `values`; undefined once the text would pass `limit` characters. The
 * word of `${X:-word}` is expanded in turn when it is used (`${X:-${Y}}`), `depth` levels down.
 */
function expandWith(
  written: string,
  values: ReadonlyMap<string, ExpandedReference>,
  limit = Number.POSITIVE_INFINITY,
  depth = 0,
): ExpandedReference | undefined {
  const unresolved = new Set<string>();
  const parts: string[] = [];
  let length = 0;
  let last = 0;
  const add = (text: string) => {
    parts.push(text);
    length += text.length;
    return length <= limit;
  };
  for (const use of variableUses(written)) {
    if (!add(written.slice(last, use.index))) return undefined;
    last = use.end;
    const value = values.get(use.name);
    const choice = choose(use.op, value?.text);
    let text = written.slice(use.index, use.end);
    if (choice === "value") {
      for (const n of value!.unresolved) unresolved.add(n);
      text = value!.text;
    } else if (choice === "word" && use.word!.includes("$")) {
      const word =
        depth < MAX_NESTING ? expandWith(use.word!, values, limit - length, depth + 1) : undefined;
      if (word === undefined && depth < MAX_NESTING) return undefined;
      if (word) {
        for (const n of word.unresolved) unresolved.add(n);
        text = word.text;
      } else unresolved.add(use.name);
    } else if (choice === "word") text = use.word!;
    else if (choice === "") text = "";
    else unresolved.add(use.name);
    if (!add(text)) return undefined;
  }
  if (!add(written.slice(last))) return undefined;
  return { text: parts.join(""), unresolved: [...unresolved] };
}

/**
 * A FROM image with its variables expanded from the global ARG defaults, as BuildKit does when
 * no --build-arg is given: defaults that use earlier ARGs are expanded too, and every form of
 * `${X…}` is read. A variable with no value stays as written and is listed, so a caller can
 * still judge the image by the parts it can read. For the text only: to rewrite the reference
 * where it is written, see {@link resolveReference}.
 */
export function expandReference(written: string, args: readonly ArgDefault[]): ExpandedReference {
  if (!written.includes("$")) return { text: written, unresolved: [] };
  // A FROM of thousands of `$A` on an 8 KiB default would be megabytes: past the bound, no
  // default is used (the words of `${X:-w}` still are, which only shorten the text).
  const limit = MAX_EXPANDED + written.length;
  return expandWith(written, expandedDefaults(args), limit) ?? expandWith(written, new Map())!;
}

/** A piece of a FROM reference, and where the text it resolves to is written. */
export interface Segment {
  /** The text this piece stands for in the reference BuildKit builds from. */
  text: string;
  /** Source span of that text: in the FROM line, inside `${X:-word}`, or an ARG's default. */
  start: number;
  end: number;
  source: "literal" | "default" | "arg";
  /** The variable this piece comes from (not for literals). */
  variable?: string;
  arg?: ArgDefault;
}

export interface ResolvedReference {
  /** The reference a build without --build-arg uses. */
  text: string;
  segments: Segment[];
}

/**
 * The reference a FROM names once its variables are expanded from the global ARG defaults (the
 * last declaration wins) and the `${X:-word}` words, as BuildKit does when no --build-arg is
 * given, with where each piece is written, so that it can be rewritten there. Undefined when a
 * variable has no value, takes an alternate value (`${X:+w}`), or its ARG default uses another
 * variable (its text is then spread over several lines: {@link expandReference} gives it).
 */
export function resolveReference(
  written: string,
  start: number,
  args: readonly ArgDefault[],
): ResolvedReference | undefined {
  const segments = resolveSegments(written, start, args, 0);
  return segments && { text: segments.map((s) => s.text).join(""), segments };
}

/** The segments of `written` at `start`; a used `${X:-word}` word is read in turn (nested). */
function resolveSegments(
  written: string,
  start: number,
  args: readonly ArgDefault[],
  depth: number,
): Segment[] | undefined {
  const segments: Segment[] = [];
  let last = 0;
  const literal = (from: number, to: number) => {
    if (to > from)
      segments.push({
        text: written.slice(from, to),
        start: start + from,
        end: start + to,
        source: "literal",
      });
  };
  for (const use of variableUses(written)) {
    literal(last, use.index);
    last = use.end;
    const { name, op } = use;
    if (op === "+" || op === ":+") return undefined;
    const arg = globalArg(args, name);
    const choice = choose(op, arg?.value);
    if (choice === "value") {
      if (arg!.value.includes("$")) return undefined;
      segments.push({
        text: arg!.value,
        start: arg!.start,
        end: arg!.end,
        source: "arg",
        variable: name,
        arg: arg!,
      });
      continue;
    }
    if (choice === undefined) return undefined;
    const wordAt = start + use.wordAt!;
    if (use.word!.includes("$")) {
      const inner =
        depth < MAX_NESTING ? resolveSegments(use.word!, wordAt, args, depth + 1) : undefined;
      if (!inner) return undefined;
      segments.push(...inner);
      continue;
    }
    segments.push({
      text: use.word!,
      start: wordAt,
      end: wordAt + use.word!.length,
      source: "default",
      variable: name,
    });
  }
  literal(last, written.length);
  return segments;
}
