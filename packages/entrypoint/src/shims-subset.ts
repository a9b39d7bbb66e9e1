import { commandName } from "./shell/command-name.js";
import { scanShell } from "./shell/scan.js";
import { readShims } from "./shims.js";

/**
 * One top-level definition of the shim library (a function or a variable), with the blank and
 * comment lines before it, and the names of the other definitions it uses.
 */
export interface ShimUnit {
  name: string;
  start: number;
  text: string;
  uses: ReadonlySet<string>;
}

/** What a script carries when it inlines only some of the library. */
export interface ShimSubset {
  text: string;
  /** The public functions (`alpinize_*`) the subset defines, in the library's order. */
  functions: string[];
  /** Whether the subset is the whole library. */
  whole: boolean;
}

const FUNCTION = /^([A-Za-z_][A-Za-z0-9_]*)\(\) \{/;
const VARIABLE = /^([A-Za-z_][A-Za-z0-9_]*)=/;
// `name() {` alone on its line (a comment may follow): the body runs to a line that is `}`.
const OPENS_BODY = /\(\) \{[ \t]*(?:#.*)?$/;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
const EXPANSION = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
// Callers check which version they sourced, so every copy carries it (with the header before it).
const ALWAYS = "ALPINIZE_SHIMS_VERSION";

/**
 * Splits the library into its top-level definitions. The pieces, joined in order, are the library
 * again (tests hold it to that), so a subset keeps the text, comments and spacing it had.
 */
export function splitShims(library: string): ShimUnit[] {
  const pieces: { name: string; start: number; text: string }[] = [];
  let unitStart = 0;
  let pos = 0;
  while (pos < library.length) {
    const eol = library.indexOf("\n", pos);
    const lineEnd = eol < 0 ? library.length : eol;
    const line = library.slice(pos, lineEnd);
    const fn = FUNCTION.exec(line);
    const name = fn?.[1] ?? VARIABLE.exec(line)?.[1];
    if (name === undefined) {
      pos = lineEnd + 1;
      continue;
    }
    const end = fn
      ? functionEnd(library, lineEnd, OPENS_BODY.test(line))
      : assignmentEnd(library, pos + name.length + 1);
    pieces.push({ name, start: unitStart, text: library.slice(unitStart, end) });
    unitStart = pos = end;
  }
  // Blank or comment lines after the last definition stay with it.
  const last = pieces.at(-1);
  if (last) last.text += library.slice(unitStart);
  return withUses(library, pieces);
}

/** Offset just past the newline that ends a function. */
function functionEnd(library: string, lineEnd: number, multiline: boolean): number {
  if (!multiline) return Math.min(lineEnd + 1, library.length);
  const close = library.indexOf("\n}\n", lineEnd);
  if (close >= 0) return close + 3;
  if (library.endsWith("\n}")) return library.length;
  throw new Error("alpinize shims: a function body never closes with a `}` line");
}

/** Offset just past the newline that ends an assignment, read past quoted newlines. */
function assignmentEnd(library: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < library.length; i++) {
    const c = library[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === "\\") i++;
    else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\n") return i + 1;
  }
  return library.length;
}

/**
 * What each definition uses: the commands it runs (read by the scanner the rewrite uses, so a
 * function name inside a message is not a call) and the variables it expands.
 */
function withUses(
  library: string,
  pieces: { name: string; start: number; text: string }[],
): ShimUnit[] {
  const names = new Set(pieces.map((p) => p.name));
  const uses = pieces.map(() => new Set<string>());
  const owner = (offset: number) => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const cmd of scanShell(library).commands) {
    const name = commandName(cmd)?.name;
    if (name !== undefined && names.has(name)) uses[owner(cmd.start)]!.add(name);
  }
  pieces.forEach((p, i) => {
    for (const m of p.text.matchAll(EXPANSION)) if (names.has(m[1]!)) uses[i]!.add(m[1]!);
    uses[i]!.delete(p.name);
  });
  return pieces.map((p, i) => ({ ...p, uses: uses[i]! }));
}

let cached: ShimUnit[] | undefined;

/** The shipped library's definitions, split once. */
export function shimUnits(): ShimUnit[] {
  cached ??= splitShims(readShims());
  return cached;
}

/** The library's definitions that TEXT names as whole words (calls, expansions, or mentions). */
export function shimNamesIn(text: string, units: readonly ShimUnit[] = shimUnits()): Set<string> {
  const names = new Set(units.map((u) => u.name));
  const found = new Set<string>();
  for (const m of text.matchAll(IDENTIFIER)) if (names.has(m[0])) found.add(m[0]);
  return found;
}

/**
 * The library cut down to NAMES and every definition they use, directly or not, in the
 * library's order, with its header. Naming every public function gives the whole library.
 */
export function shimSubset(
  names: Iterable<string>,
  units: readonly ShimUnit[] = shimUnits(),
): ShimSubset {
  const byName = new Map(units.map((u) => [u.name, u]));
  const keep = new Set<string>();
  const visit = [ALWAYS, ...names];
  for (let name = visit.pop(); name !== undefined; name = visit.pop()) {
    const unit = byName.get(name);
    if (!unit || keep.has(name)) continue;
    keep.add(name);
    visit.push(...unit.uses);
  }
  const kept = units.filter((u) => keep.has(u.name));
  return {
    text: kept.map((u) => u.text).join(""),
    functions: kept.filter((u) => u.name.startsWith("alpinize_")).map((u) => u.name),
    whole: kept.length === units.length,
  };
}
