import { type ResolvedReference, replaceFromVariables, type Segment } from "../global-args.js";
import type { MigrationContext } from "../migrate/context.js";
import type { ReferenceTarget } from "./from-literal.js";
import { agreedEdit, type SharedArgs } from "./from-shared-arg.js";
import { splitReference } from "./images.js";

// Resolution itself lives beside the global ARG map: analyzeStages reads it to find a stage a
// `FROM build-${ENV}` names, and this module is built on top of the stage model.
export { type ResolvedReference, resolveReference, type Segment } from "../global-args.js";

/** The name part of a reference holds a variable: the image itself is chosen by one. */
export function variableInName(written: string): boolean {
  const bare = replaceFromVariables(written, () => "\0");
  return splitReference(bare).name.includes("\0");
}

export interface SegmentEdit {
  start: number;
  end: number;
  text: string;
  segment: Segment;
}

/** The parts of a reference, each with its offset: name, `:tag`, `@digest` (empty when absent). */
function parts(reference: string): { text: string; at: number }[] {
  const ref = splitReference(reference);
  const tag = ref.tag === undefined ? "" : `:${ref.tag}`;
  const digest = ref.digest === undefined ? "" : `@${ref.digest}`;
  return [
    { text: ref.name, at: 0 },
    { text: tag, at: ref.name.length },
    { text: digest, at: ref.name.length + tag.length },
  ];
}

function commonPrefix(a: string, b: string): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
}

/**
 * The smallest edits that turn `resolved` into `after`, each inside one segment: per part of the
 * reference (name, tag, digest) the changed run between the common prefix and suffix. An
 * insertion at a boundary joins the piece before it (`${IMG:-ubuntu}` → `${IMG:-alpine:3.24}`, so
 * a --build-arg naming a whole image still works). Undefined when a change straddles pieces.
 */
export function segmentEdits(
  resolved: ResolvedReference,
  after: string,
): SegmentEdit[] | undefined {
  const offsets: number[] = [];
  let at = 0;
  for (const s of resolved.segments) {
    offsets.push(at);
    at += s.text.length;
  }
  const oldParts = parts(resolved.text);
  const newParts = parts(after);
  const edits: SegmentEdit[] = [];
  for (let k = 0; k < oldParts.length; k++) {
    const o = oldParts[k]!;
    const n = newParts[k]!;
    if (o.text === n.text) continue;
    const p = commonPrefix(o.text, n.text);
    const room = Math.min(o.text.length, n.text.length) - p;
    const rev = (t: string) => [...t].reverse().join("");
    const s = Math.min(commonPrefix(rev(o.text), rev(n.text)), room);
    const from = o.at + p;
    const to = o.at + o.text.length - s;
    const index = resolved.segments.findIndex((seg, i) => {
      const a = offsets[i]!;
      const b = a + seg.text.length;
      return from === to ? a < from && from <= b : a <= from && to <= b;
    });
    const fallback = from === to ? resolved.segments.findIndex((_, i) => offsets[i] === from) : -1;
    const i = index >= 0 ? index : fallback;
    if (i < 0) return undefined;
    const segment = resolved.segments[i]!;
    edits.push({
      start: segment.start + (from - offsets[i]!),
      end: segment.start + (to - offsets[i]!),
      text: n.text.slice(p, n.text.length - s),
      segment,
    });
  }
  return edits;
}

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
