import { shimNamesIn, shimSubset, shimUnits } from "../shims-subset.js";

export const INLINE_BEGIN =
  "# >>> alpinize shims (inlined by `alpinize entrypoint --inline`; do not edit) >>>";
export const INLINE_END = "# <<< alpinize shims <<<";

const DEFINITION = /^([A-Za-z_][A-Za-z0-9_]*)(?:\(\) \{|=)/gm;

/** The inlined library, which must not be rewritten or linted itself. */
export function inlineRange(text: string): [number, number] | undefined {
  const start = text.indexOf(INLINE_BEGIN);
  if (start < 0) return undefined;
  const end = text.indexOf(INLINE_END, start);
  return [start, end < 0 ? text.length : end];
}

export interface InlineBlock {
  block: string;
  /** What the edit says it inlined. */
  message: string;
}

/**
 * The block that inlines the shim functions SCRIPT names (and EXTRA), with what they use: a
 * script that only drops privileges carries alpinize_exec_as and its helpers, not the whole
 * library. A note after the first marker names what is there and where the rest is.
 */
export function inlineBlock(script: string, extra: Iterable<string> = []): InlineBlock {
  const subset = shimSubset([...shimNamesIn(script), ...extra]);
  const list = subset.functions.join(", ");
  const note = subset.whole
    ? ""
    : `# Only what this script calls, and what that uses: ${list} (alpinize shims print has them all).\n`;
  return {
    block: `${INLINE_BEGIN}\n${note}${subset.text.replace(/\n*$/, "\n")}${INLINE_END}\n`,
    message: subset.whole
      ? "inlines the alpinize shims"
      : `inlines the alpinize shims it uses: ${list}`,
  };
}

/**
 * TEXT with its inlined block rebuilt when the script names a shim function the block lacks (a
 * call added after an earlier, smaller inline), keeping what the block had; undefined when the
 * block has everything, or has no end marker to replace it up to.
 */
export function completedInline(
  text: string,
): { output: string; start: number; before: string; after: InlineBlock } | undefined {
  const range = inlineRange(text);
  if (!range || range[1] === text.length) return undefined;
  const eol = text.indexOf("\n", range[1]);
  const end = eol < 0 ? text.length : eol + 1;
  const before = text.slice(range[0], end);
  const outside = text.slice(0, range[0]) + text.slice(end);
  const known = new Set(shimUnits().map((u) => u.name));
  const defined = new Set(
    [...before.matchAll(DEFINITION)].map((m) => m[1]!).filter((n) => known.has(n)),
  );
  if ([...shimNamesIn(outside)].every((n) => defined.has(n))) return undefined;
  const after = inlineBlock(outside, defined);
  const output = text.slice(0, range[0]) + after.block + text.slice(end);
  return { output, start: range[0], before, after };
}
