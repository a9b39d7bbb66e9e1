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
 * given. Undefined when a variable has no value, takes an alternate value (`${X:+w}`), or its ARG
 * default uses another variable.
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
    const useArg = op === "-" ? arg !== undefined : arg !== undefined && arg.value !== "";
    if (useArg) {
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
    if (op === undefined) return undefined;
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
