import type { AnchorTokens } from "./yaml-anchors.js";
import type { YamlIndex } from "./yaml-index.js";
import type { YamlEntry, YamlValue } from "./yaml-types.js";

/** What following an anchor needs from a scan of one file. */
export interface AnchorLookup {
  entries: YamlEntry[];
  index: () => YamlIndex;
  tokens: () => AnchorTokens;
}

export type ScalarEntry = YamlEntry & { value: Extract<YamlValue, { kind: "scalar" }> };

/** The scalar an alias or a merged key stands for, or why pin cannot tell which one it is. */
export type Followed =
  /** `anchor`: the anchor the scalar is written at, when it is not written where it is used. */
  { scalar: ScalarEntry; anchor?: { name: string; line: number } } | { reason: string };

export const isScalar = (entry: YamlEntry): entry is ScalarEntry => entry.value.kind === "scalar";

/**
 * The value `*name` (entry `at`, its `*` at offset `before`) stands for: the last `&name` above
 * it, when that anchors a scalar pin can rewrite in place.
 */
export function followAlias(
  scan: AnchorLookup,
  name: string,
  at: number,
  before: number,
): Followed {
  const found = scan.index().lastAnchor(name, at);
  const anchor = found === undefined ? undefined : scan.entries[found]!;
  if (!anchor) {
    return {
      reason: `it is a YAML alias (*${name}) whose anchor pin cannot find above it (no &${name}, or one in a form pin does not read, such as a sequence item); write the image here, or anchor it on a key's value (x-image: &${name} name:tag)`,
    };
  }
  if (!scan.tokens().isLast(name, anchor.anchorAt ?? -1, before)) return { reason: unclear(name) };
  const of = `it is a YAML alias (*${name}) of the anchor &${name} (line ${anchor.line}), which`;
  if (isScalar(anchor)) return { scalar: anchor, anchor: { name, line: anchor.line } };
  if (anchor.value.kind === "opaque") {
    return {
      reason: `${of} is ${anchor.value.reason}; pin pins an alias's image where its anchor is written`,
    };
  }
  return { reason: `${of} holds a collection or nothing, not an image name` };
}

/**
 * The value that `<<: *name` (entry `at`) brings in for `key`, when the anchored mapping sets
 * it as a scalar (or as an alias of one); otherwise why not. Undefined when `name` anchors no
 * entry or `at` is no merge (the caller has already reported those).
 */
export function followMerged(
  scan: AnchorLookup,
  name: string,
  at: number,
  key: string,
): Followed | undefined {
  const merge = scan.entries[at]!;
  const found = scan.index().lastAnchor(name, at);
  if (found === undefined || merge.value.kind !== "merge") return undefined;
  const anchor = scan.entries[found]!;
  if (!scan.tokens().isLast(name, anchor.anchorAt ?? -1, merge.value.at)) {
    return { reason: unclear(name) };
  }
  const child = scan.index().childWithin(found, key);
  if (child === undefined) {
    return {
      reason: `it merges *${name}, and pin cannot find ${key} inside the anchor &${name} (line ${anchor.line}); write it in the mapping that merges`,
    };
  }
  const source = scan.entries[child]!;
  if (isScalar(source)) return { scalar: source, anchor: { name, line: source.line } };
  if (source.value.kind === "alias") {
    return followAlias(scan, source.value.name, child, source.value.at);
  }
  const from = `its value comes from the anchor &${name} (line ${anchor.line}) through <<`;
  return source.value.kind === "opaque"
    ? { reason: `${from}, where it is ${source.value.reason}` }
    : { reason: `${from}, where it holds a collection or nothing, not an image name` };
}

function unclear(name: string): string {
  return `it uses the anchor &${name}, and pin cannot tell which &${name} YAML takes: another one is written above it in a form pin does not read (a sequence item, a comment, a block scalar); give each anchor a name of its own`;
}
