import {
  type AnchorLookup,
  type Followed,
  followAlias,
  followMerged,
  isScalar,
} from "./follow-anchor.js";
import type { LocatedReference } from "./located.js";
import { AnchorTokens } from "./yaml-anchors.js";
import { readYamlDocument } from "./yaml-entries.js";
import { YamlIndex } from "./yaml-index.js";
import { checkYamlShape } from "./yaml-shape.js";
import type { YamlEntry } from "./yaml-types.js";

/** Where images sit in one kind of YAML file. */
interface YamlRules {
  /** Paths whose scalar can be an image, `*` standing for any key. */
  patterns: string[][];
  /** Whether a scalar at `path` can be an image (for `uses:`, when it starts `docker://`). */
  holds(path: string[]): boolean;
  /** Characters to drop before the reference (`docker://`), or undefined: not an image. */
  match(path: string[], value: string): number | undefined;
}

const composeImage = (path: string[]) =>
  path.length === 3 && path[0] === "services" && path[2] === "image";

const COMPOSE: YamlRules = {
  patterns: [["services", "*", "image"]],
  holds: composeImage,
  match: (path) => (composeImage(path) ? 0 : undefined),
};

function workflowImage(path: string[]): "image" | "uses" | undefined {
  if (path[0] !== "jobs") return undefined;
  const [, , key, sub, leaf] = path;
  if (path.length === 3 && key === "container") return "image";
  if (path.length === 4 && key === "container" && sub === "image") return "image";
  if (path.length === 5 && key === "services" && leaf === "image") return "image";
  if (path.length === 4 && key === "steps" && sub === "uses") return "uses";
  return undefined;
}

/** `jobs.<id>.container[.image]`, `jobs.<id>.services.<s>.image`, `uses: docker://…`. */
const WORKFLOW: YamlRules = {
  patterns: [
    ["jobs", "*", "container", "image"],
    ["jobs", "*", "services", "*", "image"],
    ["jobs", "*", "steps", "uses"],
  ],
  holds: (path) => workflowImage(path) !== undefined,
  match(path, value) {
    const held = workflowImage(path);
    if (held === "image") return 0;
    return held === "uses" && value.startsWith("docker://") ? "docker://".length : undefined;
  },
};

const BUILT =
  "the service also has build:, so image: names what compose builds and tags, not an image to pull";

/**
 * Keys merged in at a level where any key could lead to an image (`services: {<<: *all}`)
 * that pin lists one by one in a file; past this, each further merge there is one skip. Without
 * a bound, a few kilobytes of repeated merges of a large anchor asked for millions of skips.
 */
export const MERGED_KEYS_LISTED = 10_000;

interface Scan extends AnchorLookup {
  rules: YamlRules;
  /** Compose services that build their image. */
  built: Set<string>;
  /** Keys of anchors merged at open levels still to be listed one by one. */
  budget: { left: number };
}

/**
 * Images in a compose file or workflow: each scalar in place, and every value that could hold
 * one but is written in a form pin cannot rewrite (alias, merge key, block scalar, tag,
 * escapes, a value over several lines) as a skip with its reason. Compose services that build
 * their image are skips too.
 */
export function locateInYaml(kind: "compose" | "workflow", text: string): LocatedReference[] {
  const rules = kind === "compose" ? COMPOSE : WORKFLOW;
  const read = readYamlDocument(text);
  checkYamlShape(kind, read);
  const entries = read.entries;
  const scan: Scan = {
    entries,
    // Built on first use: a file without merge keys or aliases never needs them.
    index: once(() => new YamlIndex(entries)),
    tokens: once(() => new AnchorTokens(text)),
    rules,
    built: new Set(),
    budget: { left: MERGED_KEYS_LISTED },
  };
  if (kind === "compose") scan.built = builtServices(scan);
  const out: LocatedReference[] = [];
  for (const [at, entry] of entries.entries()) {
    const { value, path } = entry;
    if (isScalar(entry)) {
      const found = place(scan, entry, path, { scalar: entry });
      if (found) out.push(found);
    } else if (value.kind === "alias" && relevant(path, rules.patterns)) {
      const found = aliasReference(scan, at, entry, value.name, value.at);
      if (found) out.push(found);
    } else if (value.kind === "opaque" && relevant(path, rules.patterns)) {
      out.push(skipped(entry, path, value.text, `it is ${value.reason}`));
    } else if (value.kind === "unread" && reach(path, rules.patterns)) {
      // The key could be any key, so an image one: fail closed rather than pass it over.
      out.push(skipped(entry, path, value.text, `it is ${value.reason}`));
    } else if (value.kind === "merge") {
      for (const skip of mergeSkips(scan, at)) out.push(skip);
    } else if (
      value.kind === "container" &&
      value.collection &&
      collectionAt(rules, path, value.collection)
    ) {
      // Compose and GitHub take one string here: a list or mapping is no image, nor "pinned".
      const shown = value.collection === "sequence" ? "a list" : "a mapping";
      const why = `it is ${shown}, where ${path.join(".")} takes one image reference as a string; write the image there`;
      out.push(skipped(entry, path, value.collection === "sequence" ? "[…]" : "{…}", why));
    }
  }
  return out;
}

/**
 * The image at `path`, used on `entry`'s line: written there, or at the anchor it follows, whose
 * text is then the one to rewrite. Undefined when the value is no image (`uses: actions/x@v4`).
 */
function place(
  scan: Scan,
  entry: YamlEntry,
  path: string[],
  followed: Followed,
  alias = "",
): LocatedReference | undefined {
  const where = path.join(".");
  if ("reason" in followed) return skipped(entry, path, `*${alias}`, followed.reason);
  const { value, line } = followed.scalar;
  const prefix = scan.rules.match(path, value.value);
  if (prefix === undefined) return undefined;
  const found: LocatedReference = {
    reference: value.value.slice(prefix),
    start: value.start + prefix,
    end: value.end,
    line: entry.line,
    where,
    ...(followed.anchor ? { anchor: followed.anchor } : {}),
  };
  const notString = composeImage(path) ? yamlNonString(followed.scalar.value) : undefined;
  if (notString) {
    const why = `${where} is ${notString} (${value.value}), not an image reference: compose refuses it ("must be a string"); quote it if it is the image's name (image: "${value.value}")`;
    return { ...found, skip: why, invalid: true };
  }
  const service = path[0] === "services" ? path[1]! : undefined;
  if (scan.built.has(service ?? "")) return { ...found, skip: BUILT, built: true };
  // An alias of the image a service builds names what compose builds there: nothing to pull,
  // and pinning the anchor would rewrite that service's build tag.
  const source = followed.scalar.path;
  if (followed.anchor && composeImage(source) && scan.built.has(source[1]!)) {
    const why = `it follows the anchor &${followed.anchor.name} (line ${line}), the image service ${source[1]} builds: nothing to pull`;
    return { ...found, skip: why, built: true };
  }
  return found;
}

/**
 * `image: *img`: the image written at its anchor, to be pinned there. An alias that stands for
 * a whole service or job (`web: *svc`) is a skip: pin follows an alias only on an image key.
 */
function aliasReference(
  scan: Scan,
  at: number,
  entry: YamlEntry,
  name: string,
  before: number,
): LocatedReference | undefined {
  const { path } = entry;
  if (!scan.rules.holds(path)) {
    const why = `it is a YAML alias (*${name}); pin follows an alias only on an image key: write the mapping out, or merge it (<<: *${name}) so that its image is read`;
    return skipped(entry, path, `*${name}`, why);
  }
  return place(scan, entry, path, followAlias(scan, name, at, before), name);
}

/**
 * Whether a list or mapping at `path` stands where an image string must: every image key but a
 * workflow job's `container:`, which may be a mapping with its own `image:`.
 */
function collectionAt(rules: YamlRules, path: string[], kind: "mapping" | "sequence"): boolean {
  return rules.holds(path) && !(rules === WORKFLOW && path.length === 3 && kind === "mapping");
}

/** Whether `path` is, or leads to, one of the patterns. */
function relevant(path: string[], patterns: string[][]): boolean {
  return patterns.some(
    (p) => path.length <= p.length && path.every((k, i) => p[i] === "*" || p[i] === k),
  );
}

/**
 * The keys under the mapping at `base` that could lead to an image: any key (`open`) when a
 * pattern has `*` there, else the named ones; undefined when none could.
 */
function reach(
  base: string[],
  patterns: string[][],
): { open: boolean; names: string[] } | undefined {
  const next = patterns.filter((p) => p.length > base.length && relevant(base, [p]));
  if (next.length === 0) return undefined;
  const names = [...new Set(next.map((p) => p[base.length]!))];
  return { open: names.includes("*"), names };
}

function skipped(
  entry: YamlEntry,
  path: string[],
  reference: string,
  skip: string,
): LocatedReference {
  const at = entry.lineStart;
  const where = path.length > 0 ? path.join(".") : "(document)";
  return { reference, start: at, end: at, line: entry.line, where, skip };
}

/**
 * A merge key (`<<: *base`) brings in keys pin cannot rewrite where they are used: each one that
 * could be an image, and that the mapping does not set itself, is a skip; so is the whole merge
 * when the anchor cannot be followed (not defined before, not a mapping, merging in turn).
 * `<<: [*a, *b]` merges in order and a key comes from the first mapping that has it (the
 * mapping's own keys win over all): each key is taken from that one anchor only.
 */
function mergeSkips(scan: Scan, at: number): LocatedReference[] {
  const merge = scan.entries[at]!;
  if (merge.value.kind !== "merge") return [];
  const base = merge.path.slice(0, -1);
  const leads = reach(base, scan.rules.patterns);
  if (!leads) return [];
  const taken = new Set(scan.index().childKeys(base, merge.doc).keys());
  const out: LocatedReference[] = [];
  /** An alias of the list pin could not follow: which keys it sets, and so wins, is unknown. */
  let lost: string | undefined;
  for (const alias of merge.value.aliases) {
    if (lost !== undefined) {
      const why = `it merges *${alias} after *${lost}, which pin cannot follow, so it cannot tell which of them a key comes from`;
      out.push(skipped(merge, merge.path, `*${alias}`, why));
      continue;
    }
    const anchor = scan.index().anchorBefore(alias, at);
    const keys = anchor ? scan.index().childKeys(anchor.path, anchor.doc) : undefined;
    if (!anchor || !keys || !readable(scan, anchor, keys)) {
      const why = `it merges *${alias}, an anchor pin cannot follow (not a mapping defined above, merging in turn, or with a key pin cannot read)`;
      out.push(skipped(merge, merge.path, `*${alias}`, why));
      lost = alias;
      continue;
    }
    const from = `the anchor &${alias} (line ${anchor.line})`;
    if (leads.open && keys.size > scan.budget.left) {
      const why = `it merges the ${keys.size} keys of ${from}, any of which could hold an image; pin lists merged keys one by one only up to ${MERGED_KEYS_LISTED} per file`;
      out.push(skipped(merge, merge.path, `*${alias}`, why));
      lost = alias;
      continue;
    }
    if (leads.open) scan.budget.left -= keys.size;
    const merged = mergedKeys(keys, taken, leads);
    for (const key of keys.keys()) taken.add(key);
    for (const key of merged) {
      const path = [...base, key];
      // An image key inside the anchored mapping is pinned there, for every mapping merging it.
      const followed = scan.rules.holds(path) ? followMerged(scan, alias, at, key) : undefined;
      if (followed) {
        const found = place(scan, merge, path, followed, alias);
        if (found) out.push(found);
        continue;
      }
      const source = scan.index().firstAt(anchor.path, anchor.doc, key);
      const text = source?.value.kind === "scalar" ? source.value.value : `*${alias}`;
      const why = `its value comes from ${from} through <<; pin rewrites values written where they are used`;
      out.push(skipped(merge, path, text, why));
    }
  }
  return out;
}

/**
 * Whether pin knows every key of the mapping `mapping` opens: it neither merges in turn nor has a key
 * pin cannot read (a key named `<<` that is quoted is an ordinary key).
 */
function readable(scan: Scan, mapping: YamlEntry, keys: ReadonlyMap<string, number>): boolean {
  const merge = keys.get("<<");
  if (merge !== undefined && scan.entries[merge]!.value.kind === "merge") return false;
  return !scan.index().hasUnread(mapping.path, mapping.doc);
}

/** The anchor's keys that could lead to an image and that no one before sets, in order. */
function mergedKeys(
  keys: ReadonlyMap<string, number>,
  own: ReadonlySet<string>,
  leads: { open: boolean; names: string[] },
): string[] {
  const candidates = leads.open ? [...keys.keys()] : leads.names.filter((k) => keys.has(k));
  const merged = candidates.filter((k) => !own.has(k));
  return leads.open ? merged : merged.sort((a, b) => keys.get(a)! - keys.get(b)!);
}

/** Names of services with `build:`, set in the service or merged into it from an anchor. */
function builtServices({ entries, index }: Scan): Set<string> {
  const built = new Set<string>();
  for (const [at, e] of entries.entries()) {
    if (e.path.length !== 3 || e.path[0] !== "services") continue;
    if (e.path[2] === "build") built.add(e.path[1]!);
    if (e.value.kind !== "merge") continue;
    for (const alias of e.value.aliases) {
      const anchor = index().anchorBefore(alias, at);
      if (anchor && index().childKeys(anchor.path, anchor.doc).has("build")) built.add(e.path[1]!);
    }
  }
  return built;
}

/**
 * What YAML (1.2 core schema, as compose's parser reads it) makes of a plain scalar that is not
 * a string: "a YAML boolean" or "a YAML number"; undefined for a string or a quoted value.
 */
function yamlNonString(value: { value: string; plain?: true }): string | undefined {
  if (!value.plain) return undefined;
  const v = value.value;
  if (/^(?:true|True|TRUE|false|False|FALSE)$/.test(v)) return "a YAML boolean";
  if (/^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$/.test(v)) return "a YAML number";
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(v)) return "a YAML number";
  if (/^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(v)) return "a YAML number";
  return undefined;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
