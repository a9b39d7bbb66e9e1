import type { YamlEntry } from "./yaml-types.js";

/**
 * One map key per path in a document (the documents of a file are mappings of their own); JSON
 * keeps `["a.b"]` and `["a", "b"]` apart, whatever a key holds.
 */
const keyOf = (path: readonly string[], doc: number): string => JSON.stringify([doc, ...path]);

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
  /** Paths of mappings with a key pin cannot read, or a merge it does not follow (`unread`). */
  private readonly unread = new Set<string>();
  /** Entry index of a mapping → its direct keys, each with the index of its first entry. */
  private within: Map<number, Map<string, number>> | undefined;

  constructor(private readonly entries: readonly YamlEntry[]) {
    for (const [index, entry] of entries.entries()) this.add(index, entry);
  }

  /** The keys set directly under `path` in document `doc`, each with its first entry's index. */
  childKeys(path: readonly string[], doc: number): ReadonlyMap<string, number> {
    return this.children.get(keyOf(path, doc)) ?? new Map();
  }

  /** Whether a mapping at `path` has a key pin cannot read: its keys are not all known. */
  hasUnread(path: readonly string[], doc: number): boolean {
    return this.unread.has(keyOf(path, doc));
  }

  /** The first entry for `key` under `path` in document `doc`. */
  firstAt(path: readonly string[], doc: number, key: string): YamlEntry | undefined {
    const at = this.children.get(keyOf(path, doc))?.get(key);
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

  /**
   * The index of the last entry anchored `&name` before entry `before`, whatever it holds, in
   * the same document: YAML anchors do not reach past a `---`.
   */
  lastAnchor(name: string, before: number): number | undefined {
    const at = this.anchors.get(name);
    if (!at) return undefined;
    const found = lastBelow(at, before);
    if (found === undefined) return undefined;
    return this.entries[at[found]!]!.doc === this.entries[before]?.doc ? at[found] : undefined;
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
    // Sits at its mapping's own path: no key of it, and not the mapping either.
    if (entry.value.kind === "unread") {
      this.unread.add(keyOf(entry.path, entry.doc));
      return;
    }
    const { path } = entry;
    if (path.length > 0) {
      const parent = keyOf(path.slice(0, -1), entry.doc);
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
  for (const [index, entry] of entries.entries()) {
    const { path } = entry;
    // At its mapping's own path: taken for the mapping, it would close it to its later keys.
    if (entry.value.kind === "unread") continue;
    while (open.length > 0 && !encloses(entries[open[open.length - 1]!]!, entry)) open.pop();
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

function encloses(outer: YamlEntry, inner: YamlEntry): boolean {
  const { path } = inner;
  return (
    outer.doc === inner.doc &&
    outer.path.length < path.length &&
    outer.path.every((k, i) => path[i] === k)
  );
}
