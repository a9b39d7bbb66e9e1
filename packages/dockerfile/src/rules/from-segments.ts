import { type ResolvedReference, replaceFromVariables, type Segment } from "../global-args.js";
import { splitReference } from "./images.js";

// How a FROM's resolved reference maps back onto the pieces that wrote it (the FROM's own text,
// ARG defaults, `${X:-word}` words): plain reference arithmetic, which from-resolve.ts (writing
// the edits) and from-shared-arg.ts (planning ARGs several FROMs share) both build on.

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
