import type { LocatedReference } from "./located.js";
import { readYamlEntries } from "./yaml-entries.js";
import type { YamlEntry } from "./yaml-types.js";

/** Where images sit in one kind of YAML file. */
interface YamlRules {
  /** Paths whose scalar can be an image, `*` standing for any key. */
  patterns: string[][];
  /** Characters to drop before the reference (`docker://`), or undefined: not an image. */
  match(path: string[], value: string): number | undefined;
}

const COMPOSE: YamlRules = {
  patterns: [["services", "*", "image"]],
  match: (path) =>
    path.length === 3 && path[0] === "services" && path[2] === "image" ? 0 : undefined,
};

/** `jobs.<id>.container[.image]`, `jobs.<id>.services.<s>.image`, `uses: docker://…`. */
const WORKFLOW: YamlRules = {
  patterns: [
    ["jobs", "*", "container", "image"],
    ["jobs", "*", "services", "*", "image"],
    ["jobs", "*", "steps", "uses"],
  ],
  match(path, value) {
    if (path[0] !== "jobs") return undefined;
    const [, , key, sub, leaf] = path;
    if (path.length === 3 && key === "container") return 0;
    if (path.length === 4 && key === "container" && sub === "image") return 0;
    if (path.length === 5 && key === "services" && leaf === "image") return 0;
    if (path.length === 4 && key === "steps" && sub === "uses" && value.startsWith("docker://")) {
      return "docker://".length;
    }
    return undefined;
  },
};

const BUILT =
  "the service also has build:, so image: names what compose builds and tags, not an image to pull";

/**
 * Images in a compose file or workflow: each scalar in place, and every value that could hold
 * one but is written in a form pin cannot rewrite (alias, merge key, block scalar, tag,
 * escapes, a value over several lines) as a skip with its reason. Compose services that build
 * their image are skips too.
 */
export function locateInYaml(kind: "compose" | "workflow", text: string): LocatedReference[] {
  const rules = kind === "compose" ? COMPOSE : WORKFLOW;
  const entries = readYamlEntries(text);
  const built = kind === "compose" ? builtServices(entries) : new Set<string>();
  const out: LocatedReference[] = [];
  for (const [index, entry] of entries.entries()) {
    const { value, path } = entry;
    if (value.kind === "scalar") {
      const prefix = rules.match(path, value.value);
      if (prefix === undefined) continue;
      const at = {
        reference: value.value.slice(prefix),
        start: value.start + prefix,
        end: value.end,
        line: entry.line,
        where: path.join("."),
      };
      const builds = kind === "compose" && built.has(path[1]!);
      out.push(builds ? { ...at, skip: BUILT, built: true } : at);
    } else if (value.kind === "opaque" && relevant(path, rules.patterns)) {
      out.push(skipped(entry, path, value.text, `it is ${value.reason}`));
    } else if (value.kind === "merge") {
      out.push(...mergeSkips(entries, index, rules));
    }
  }
  return out;
}

/** Whether `path` is, or leads to, one of the patterns. */
function relevant(path: string[], patterns: string[][]): boolean {
  return patterns.some(
    (p) => path.length <= p.length && path.every((k, i) => p[i] === "*" || p[i] === k),
  );
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
 */
function mergeSkips(entries: YamlEntry[], index: number, rules: YamlRules): LocatedReference[] {
  const merge = entries[index]!;
  if (merge.value.kind !== "merge") return [];
  const base = merge.path.slice(0, -1);
  const own = childKeys(entries, base);
  const out: LocatedReference[] = [];
  for (const alias of merge.value.aliases) {
    const anchor = findAnchor(entries, alias, index);
    const keys = anchor ? childKeys(entries, anchor.path) : undefined;
    if (!keys || keys.has("<<")) {
      const leads = rules.patterns.some((p) => p.length > base.length && relevant(base, [p]));
      if (leads) {
        const why = `it merges *${alias}, an anchor pin cannot follow (not a mapping defined above, or merging in turn)`;
        out.push(skipped(merge, merge.path, `*${alias}`, why));
      }
      continue;
    }
    for (const key of keys) {
      const path = [...base, key];
      if (own.has(key) || !relevant(path, rules.patterns)) continue;
      const from = entries.find((e) => samePath(e.path, [...anchor!.path, key]));
      const text = from?.value.kind === "scalar" ? from.value.value : `*${alias}`;
      const why = `its value comes from the anchor &${alias} (line ${anchor!.line}) through <<; pin rewrites values written where they are used`;
      out.push(skipped(merge, path, text, why));
    }
  }
  return out;
}

/** The last `&alias` written before entry `before`. */
function findAnchor(entries: YamlEntry[], alias: string, before: number): YamlEntry | undefined {
  for (let i = before - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.anchor === alias) return e.value.kind === "container" ? e : undefined;
  }
  return undefined;
}

/** The keys set directly under `path`, merge keys included. */
function childKeys(entries: YamlEntry[], path: string[]): Set<string> {
  const keys = new Set<string>();
  for (const e of entries) {
    if (e.path.length === path.length + 1 && samePath(e.path.slice(0, -1), path)) {
      keys.add(e.path[path.length]!);
    }
  }
  return keys;
}

/** Names of services with `build:`, set in the service or merged into it from an anchor. */
function builtServices(entries: YamlEntry[]): Set<string> {
  const built = new Set<string>();
  for (const [index, e] of entries.entries()) {
    if (e.path.length !== 3 || e.path[0] !== "services") continue;
    if (e.path[2] === "build") built.add(e.path[1]!);
    if (e.value.kind !== "merge") continue;
    for (const alias of e.value.aliases) {
      const anchor = findAnchor(entries, alias, index);
      if (anchor && childKeys(entries, anchor.path).has("build")) built.add(e.path[1]!);
    }
  }
  return built;
}

function samePath(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}
