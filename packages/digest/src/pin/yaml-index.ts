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
    const at = this.anchors.get(name);
    if (!at) return undefined;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < before) lo = mid + 1;
      else hi = mid;
    }
    const entry = lo === 0 ? undefined : this.entries[at[lo - 1]!];
    return entry?.value.kind === "container" ? entry : undefined;
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
