import { InputError, isAlpinizeError } from "@alpinize/errors";
import { formatImageReference, type ImageReference, withDigest } from "@alpinize/image-ref";
import { parseRegistryReference } from "../reference.js";
import type { ResolveOutcome } from "../resolve-many.js";
import { locateImageReferences } from "./locate.js";
import type { LocatedReference, PinFileKind } from "./located.js";

/** Resolves references to digests; `(refs) => resolveMany(resolver, refs)` in practice. */
export type PinResolver = (references: string[]) => Promise<ResolveOutcome[]>;

export interface PinChange {
  line: number;
  where: string;
  /** The reference as it was written. */
  reference: string;
  /** The reference as it is now written. */
  pinned: string;
  digest: string;
  /** Set when an existing pin was refreshed from its tag. */
  previousDigest?: string;
  /**
   * Set when the image is used through an alias or a merge key: the text was rewritten at this
   * anchor (on its line), and every other use of the anchor is pinned by the same edit.
   */
  anchor?: { name: string; line: number };
}

export interface PinProblem {
  line: number;
  where: string;
  reference: string;
  /** AlpinizeError: exit code 2 for a malformed reference, 1 for one that could not be resolved. */
  error: Error;
}

export interface PinSkip {
  line: number;
  where: string;
  reference: string;
  reason: string;
  /**
   * The image of a compose service with `build:`: the name compose builds and tags, not an
   * image to pull, so there is nothing to pin (`pin --check` does not fail on it).
   */
  built?: true;
}

/** Advice on a line whose image is pinned elsewhere; it does not make `pin --check` fail. */
export interface PinWarning {
  line: number;
  where: string;
  reference: string;
  message: string;
}

export interface PinResult {
  /** The text with every resolvable reference pinned; the input when nothing changed. */
  text: string;
  changes: PinChange[];
  /** References already pinned to the current digest. */
  unchanged: LocatedReference[];
  problems: PinProblem[];
  skipped: PinSkip[];
  warnings: PinWarning[];
}

interface Classified {
  toResolve: { at: LocatedReference; ref: ImageReference }[];
  unchanged: LocatedReference[];
  problems: PinProblem[];
  skipped: PinSkip[];
  warnings: PinWarning[];
}

/**
 * Pins every image reference in a Dockerfile, compose file or workflow: `name:tag` becomes
 * `name:tag@sha256:…` (the index digest), and `name:tag@old` is refreshed from its tag. Only the
 * reference text changes; everything else stays byte for byte.
 */
export async function pinText(
  kind: PinFileKind,
  text: string,
  resolve: PinResolver,
): Promise<PinResult> {
  const located = locateImageReferences(kind, text);
  const { toResolve, unchanged, problems, skipped, warnings } = classify(located);
  const distinct = [...new Set(toResolve.map((t) => t.at.reference))];
  const outcomes = new Map((await resolve(distinct)).map((o) => [o.reference, o]));
  const changes: PinChange[] = [];
  const edits = new Map<number, { start: number; end: number; text: string }>();
  for (const { at, ref } of toResolve) {
    const outcome = outcomes.get(at.reference);
    const result = outcome?.result;
    if (!result) {
      const error = outcome?.error ?? new Error(`no answer for ${at.reference}`);
      problems.push({ line: at.line, where: at.where, reference: at.reference, error });
      continue;
    }
    if (ref.digest === result.digest) {
      unchanged.push(at);
      continue;
    }
    const pinned = formatImageReference(withDigest(ref, result.digest), "as-written");
    // An anchor's text is located once per alias of it: one edit pins them all.
    if (!edits.has(at.start)) edits.set(at.start, { start: at.start, end: at.end, text: pinned });
    changes.push({
      line: at.line,
      where: at.where,
      reference: at.reference,
      pinned,
      digest: result.digest,
      ...(ref.digest ? { previousDigest: ref.digest } : {}),
      ...(at.anchor ? { anchor: at.anchor } : {}),
    });
  }
  problems.sort((a, b) => a.line - b.line);
  const pinned = applyEdits(text, [...edits.values()]);
  return { text: pinned, changes, unchanged, problems, skipped, warnings };
}

/** References with no digest, found without asking any registry (for `pin --check`). */
export function findUnpinned(
  kind: PinFileKind,
  text: string,
): Omit<Classified, "toResolve"> & {
  unpinned: LocatedReference[];
} {
  const { toResolve, ...found } = classify(locateImageReferences(kind, text));
  const unpinned: LocatedReference[] = [];
  for (const { at, ref } of toResolve) (ref.digest ? found.unchanged : unpinned).push(at);
  return { unpinned, ...found };
}

function classify(located: LocatedReference[]): Classified {
  const out: Classified = {
    toResolve: [],
    unchanged: [],
    problems: [],
    skipped: [],
    warnings: [],
  };
  for (const at of located) {
    const base = { line: at.line, where: at.where, reference: at.reference };
    if (at.warning !== undefined) {
      out.warnings.push({ ...base, message: at.warning });
      continue;
    }
    if (at.invalid) {
      const error = new InputError(
        "ALPINIZE_PIN_NOT_A_REFERENCE",
        at.skip ?? "not an image reference",
        {
          hint: "Write the image reference as a string; compose refuses any other value there.",
          details: { line: at.line, where: at.where },
        },
      );
      out.problems.push({ ...base, error });
      continue;
    }
    if (at.skip !== undefined) {
      out.skipped.push({ ...base, reason: at.skip, ...(at.built ? { built: true } : {}) });
      continue;
    }
    if (at.reference.includes("$")) {
      out.skipped.push({
        ...base,
        reason:
          "it holds a variable, so no digest can be written into it: pin the value it is given (in a Dockerfile, put the whole reference in an ARG: ARG GO_IMAGE=golang:1.25-alpine, then FROM $GO_IMAGE; pin pins ARG defaults)",
      });
      continue;
    }
    let ref: ImageReference;
    try {
      ref = parseRegistryReference(at.reference);
    } catch (err) {
      if (!isAlpinizeError(err)) throw err;
      out.problems.push({ ...base, error: err });
      continue;
    }
    if (ref.digest && !ref.tag) out.unchanged.push(at);
    else out.toResolve.push({ at, ref });
  }
  return out;
}

/**
 * The text with each span replaced. Built from the pieces in one pass: cutting the whole text
 * again for each edit was quadratic, and `pin --write` on a file with tens of thousands of
 * images took minutes.
 */
function applyEdits(text: string, edits: { start: number; end: number; text: string }[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    parts.push(text.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}
