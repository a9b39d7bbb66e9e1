import type { YamlEntry } from "./yaml-types.js";

/** One map key per path; JSON keeps `["a.b"]` and `["a", "b"]` apart, whatever a key holds. */
const keyOf = (path: readonly string[]): string => JSON.stringify(path);

/**
 * Lookups over the entries of one file, built in a single pass: following a merge key then costs
 * the same whatever the size of the file, where scanning every entry per `<<:` made a file of
 * many merging services quadratic.
 */
export class YamlIndex {
  /**
   * Parent path → the keys written under it (merge keys included), each with the index of its
   * first entry: file order, and the entry itself.
   */
  private readonly children = new Map<string, Map<string, number>>();
  /** Anchor name → the indexes of the entries that define it, ascending (file order). */
  private readonly anchors = new Map<string, number[]>();
  /** Entry index of a mapping → its direct keys, each with the index of its first entry. */
  private within: Map<number, Map<string, number>> | undefined;

  constructor(private readonly entries: readonly YamlEntry[]) {
    for (const [index, entry] of entries.entries()) this.add(index, entry);
  }

  /** The keys set directly under `path`, each with the index of its first entry. */
  childKeys(path: readonly string[]): ReadonlyMap<string, number> {
    return this.children.get(keyOf(path)) ?? new Map();
  }

  /** The first entry for `key` under `path`. */
  firstAt(path: readonly string[], key: string): YamlEntry | undefined {
    const at = this.children.get(keyOf(path))?.get(key);
    return at === undefined ? undefined : this.entries[at];
  }

  /**
   * The last `&name` defined before entry `before`, as YAML resolves an alias; undefined when
   * there is none or it does not anchor a collection.
   */
  anchorBefore(name: string, before: number): YamlEntry | undefined {
    const at = this.lastAnchor(name, before);
    const entry = at === undefined ? undefined : this.entries[at];
    return entry?.value.kind === "container" ? entry : undefined;
  }

  /** The index of the last entry anchored `&name` before entry `before`, whatever it holds. */
  lastAnchor(name: string, before: number): number | undefined {
    const at = this.anchors.get(name);
    if (!at) return undefined;
    const found = lastBelow(at, before);
    return found === undefined ? undefined : at[found];
  }

  /**
   * The index of the entry of `key` directly inside the mapping that entry `parent` opens: an
   * anchored mapping in a sequence shares its key path with its siblings, so a lookup by path
   * alone could answer another item's key.
   */
  childWithin(parent: number, key: string): number | undefined {
    this.within ??= directChildren(this.entries);
    return this.within.get(parent)?.get(key);
  }

  private add(index: number, entry: YamlEntry): void {
    const { path } = entry;
    if (path.length > 0) {
      const parent = keyOf(path.slice(0, -1));
      let keys = this.children.get(parent);
      if (!keys) {
        keys = new Map();
        this.children.set(parent, keys);
      }
      const key = path[path.length - 1]!;
      if (!keys.has(key)) keys.set(key, index);
    }
    if (entry.anchor !== undefined) {
      const list = this.anchors.get(entry.anchor);
      if (list) list.push(index);
      else this.anchors.set(entry.anchor, [index]);
    }
  }
}

/** The position of the last number in ascending `list` below `bound`; undefined when none is. */
export function lastBelow(list: readonly number[], bound: number): number | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : lo - 1;
}

/**
 * Each entry's direct keys, in one pass with a stack of the entries enclosing the current one
 * (those whose path is a proper prefix of its path): each entry is pushed and popped once.
 */
function directChildren(entries: readonly YamlEntry[]): Map<number, Map<string, number>> {
  const children = new Map<number, Map<string, number>>();
  const open: number[] = [];
  for (const [index, { path }] of entries.entries()) {
    while (open.length > 0 && !encloses(entries[open[open.length - 1]!]!.path, path)) open.pop();
    const parent = open[open.length - 1];
    if (parent !== undefined && entries[parent]!.path.length === path.length - 1) {
      let keys = children.get(parent);
      if (!keys) {
        keys = new Map();
        children.set(parent, keys);
      }
      const key = path[path.length - 1]!;
      if (!keys.has(key)) keys.set(key, index);
    }
    open.push(index);
  }
  return children;
}

function encloses(outer: readonly string[], inner: readonly string[]): boolean {
  return outer.length < inner.length && outer.every((k, i) => inner[i] === k);
}
