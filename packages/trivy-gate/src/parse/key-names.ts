/** Up to this many names, a list is scanned; past it, a set takes over. */
export const KEY_LIST_LIMIT = 16;

/**
 * The property names of one object, to find a repeat. Almost every object in a report has a
 * few dozen keys at most, and millions of them are read: a reused list costs nothing to reset,
 * where a Set allocates a table per object. A hostile object can hold 300,000 keys, and a list
 * scanned per key would be quadratic, so past `KEY_LIST_LIMIT` names they move to a Set.
 */
export class KeyNames {
  private readonly list: string[] = [];
  private count = 0;
  private set: Set<string> | undefined;

  /** Starts the next object at this nesting level. */
  reset(): void {
    this.count = 0;
    this.set = undefined;
  }

  /** Adds a name; false when the object already had it (exact spelling). */
  add(key: string): boolean {
    const set = this.set;
    if (set) {
      const size = set.size;
      return set.add(key).size !== size;
    }
    const list = this.list;
    for (let i = 0; i < this.count; i++) if (list[i] === key) return false;
    if (this.count < KEY_LIST_LIMIT) list[this.count++] = key;
    else this.set = new Set(list).add(key);
    return true;
  }

  /** Whether the names are held in a set (for tests of the bound). */
  get hashed(): boolean {
    return this.set !== undefined;
  }
}
