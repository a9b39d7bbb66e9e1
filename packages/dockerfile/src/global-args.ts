import type { ArgDefault } from "./stages.js";

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

/** `written` expanded from `values`; undefined once the text would pass `limit` characters. */
function expandWith(
  written: string,
  values: ReadonlyMap<string, ExpandedReference>,
  limit = Number.POSITIVE_INFINITY,
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
  for (const m of written.matchAll(VARIABLE)) {
    if (!add(written.slice(last, m.index))) return undefined;
    last = m.index + m[0].length;
    const name = (m[1] ?? m[4])!;
    const value = values.get(name);
    const choice = choose(m[2], value?.text);
    let text = m[0];
    if (choice === "value") {
      for (const n of value!.unresolved) unresolved.add(n);
      text = value!.text;
    } else if (choice === "word") text = m[3]!;
    else if (choice === "") text = "";
    else unresolved.add(name);
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
  for (const m of written.matchAll(VARIABLE)) {
    literal(last, m.index);
    last = m.index + m[0].length;
    const name = (m[1] ?? m[4])!;
    const op = m[2];
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
    const wordAt = start + m.index + m[0].length - 1 - m[3]!.length;
    segments.push({
      text: m[3]!,
      start: wordAt,
      end: wordAt + m[3]!.length,
      source: "default",
      variable: name,
    });
  }
  literal(last, written.length);
  return { text: segments.map((s) => s.text).join(""), segments };
}
