import type { ResolvedReference } from "../global-args.js";
import type { MigrationContext } from "../migrate/context.js";
import { type SegmentEdit, segmentEdits } from "./from-segments.js";
import { agreedEdit, type SharedArgs } from "./from-shared-arg.js";
import type { ReferenceTarget } from "./reference-target.js";

// Resolution itself lives beside the global ARG map: analyzeStages reads it to find a stage a
// `FROM build-${ENV}` names, and this module is built on top of the stage model.
export { type ResolvedReference, resolveReference, type Segment } from "../global-args.js";

/** How many times FROM and ARG lines read `$name`: an ARG read once serves that FROM alone. */
function reads(text: string, name: string): number {
  const use = new RegExp(`\\$\\{?${name}(?!\\w)`, "g");
  let count = 0;
  for (const line of text.split(/\r?\n/))
    if (/^\s*(?:FROM|ARG)\s/i.test(line)) count += [...line.matchAll(use)].length;
  return count;
}

/**
 * Writes a resolved reference's Alpine image into the pieces that named the Debian one: the
 * FROM's own text, the word of a `${X:-word}`, or an ARG default no other line reads, or that
 * every FROM reading it changes alike (`shared`). Refused (undefined) when a change straddles
 * pieces or falls in an ARG that other lines read too.
 */
export function resolvedTarget(
  ctx: MigrationContext,
  written: string,
  resolved: ResolvedReference,
  start: number,
  shared: SharedArgs = new Map(),
): ReferenceTarget {
  return {
    written,
    write: (after) => {
      const edits = segmentEdits(resolved, after);
      if (!edits) return undefined;
      const refused = edits.some(
        (e) => e.segment.arg && reads(ctx.text, e.segment.arg.name) > 1 && !agreedEdit(shared, e),
      );
      if (refused) return undefined;
      // A shared ARG's default changes once, for the first FROM that reads it.
      const made = (e: SegmentEdit) =>
        ctx.edits.some((x) => x.start === e.start && x.end === e.end && x.text === e.text);
      for (const e of edits) if (!made(e)) ctx.edit("from", e.start, e.end, e.text);
      const now = applyWithin(written, start, edits);
      warnVariables(ctx, { written, resolved: resolved.text, now, at: start }, edits, shared);
      return now;
    },
  };
}

/** `text`, written at `offset`, with the edits that fall inside it applied. */
function applyWithin(text: string, offset: number, edits: readonly SegmentEdit[]): string {
  const inside = edits
    .filter((e) => e.start >= offset && e.end <= offset + text.length)
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of inside) out = out.slice(0, e.start - offset) + e.text + out.slice(e.end - offset);
  return out;
}

/** Says which variables now hold the Alpine image, and what a --build-arg of them does. */
function warnVariables(
  ctx: MigrationContext,
  from: { written: string; resolved: string; now: string; at: number },
  edits: readonly SegmentEdit[],
  shared: SharedArgs,
): void {
  const names = [
    ...new Set(edits.flatMap((e) => (e.segment.variable ? [e.segment.variable] : []))),
  ];
  const args = [...new Set(edits.flatMap((e) => (e.segment.arg ? [e.segment.arg] : [])))];
  const defaults = args.map((a) => {
    const readers = shared.get(a)?.readers;
    const all = (readers ?? 1) > 1 ? `, for all ${readers} FROM lines that read it` : "";
    return `ARG ${a.name} now defaults to ${applyWithin(a.value, a.start, edits)}${all}`;
  });
  const build = names.map((n) => `--build-arg ${n}=…`).join(" or ");
  const detail = defaults.length > 0 ? ` (${defaults.join(", ")})` : "";
  const tags = args.some((a) => shared.has(a)) ? " with these Alpine tags" : " instead";
  const instead =
    build === ""
      ? ""
      : `: a build passing ${build} gets that image${tags}, which must be Alpine-based too`;
  ctx.warn(
    "from",
    from.at,
    `${from.written} builds on ${from.resolved} when no --build-arg sets it; it now reads ${from.now}${detail}${instead}`,
  );
}
