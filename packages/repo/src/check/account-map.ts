/** A value an account map is indexed by: an ID, or a group's name. */
type IndexKey = number | string;

/** The names of one key, in the map's order, and the place of the last one added. */
interface Holders {
  names: Set<string>;
  last: number;
}

/**
 * /etc/group or /etc/passwd by name, in file order (a Map's), that also finds the names whose
 * entries have a given ID or group. Every account step of a stage asks which name holds an ID
 * (and busybox's first-free search asks for many): searching all the accounts each time made a
 * stage of many user and group RUN lines quadratic. The index follows every set and delete, so the
 * map can be written anywhere as a Map.
 */
export class AccountMap<V> extends Map<string, V> {
  private readonly indexes: Map<IndexKey, Holders>[];
  /** Place of each name in the map's order (a name set again keeps its place, as in a Map). */
  private readonly places = new Map<string, number>();
  private nextPlace = 0;
  /** Per index: how many entries have no key (an ID from a variable). */
  private readonly unkeyed: number[];

  constructor(
    private readonly keysOf: readonly ((value: V) => IndexKey | undefined)[],
    entries?: Iterable<readonly [string, V]>,
  ) {
    // Entries go in after the fields exist: Map's constructor would call set before them.
    super();
    this.indexes = keysOf.map(() => new Map());
    this.unkeyed = keysOf.map(() => 0);
    for (const [name, value] of entries ?? []) this.set(name, value);
  }

  /** The same accounts in a map of their own. */
  copy(): AccountMap<V> {
    return new AccountMap(this.keysOf, this);
  }

  override set(name: string, value: V): this {
    const before = super.get(name);
    const had = super.has(name);
    super.set(name, value);
    if (!this.places.has(name)) this.places.set(name, this.nextPlace++);
    this.keysOf.forEach((keyOf, i) => {
      const old = had ? keyOf(before as V) : undefined;
      const key = keyOf(value);
      if (had && old === key) return;
      if (had) this.unlist(i, name, old);
      this.list(i, name, key);
    });
    return this;
  }

  override delete(name: string): boolean {
    if (!super.has(name)) return false;
    const value = super.get(name) as V;
    this.keysOf.forEach((keyOf, i) => {
      this.unlist(i, name, keyOf(value));
    });
    this.places.delete(name);
    return super.delete(name);
  }

  override clear(): void {
    for (const name of [...this.keys()]) this.delete(name);
  }

  /** The first name (in the map's order) whose entry has `key` in index `index`. */
  first(index: number, key: IndexKey): string | undefined {
    const holders = this.indexes[index]!.get(key);
    return holders?.names.values().next().value;
  }

  /** Every name (in the map's order) whose entry has `key` in index `index`. */
  all(index: number, key: IndexKey): string[] {
    return [...(this.indexes[index]!.get(key)?.names ?? [])];
  }

  /** Some entry has no key in index `index`. */
  someUnkeyed(index: number): boolean {
    return this.unkeyed[index]! > 0;
  }

  private list(i: number, name: string, key: IndexKey | undefined): void {
    if (key === undefined) {
      this.unkeyed[i]!++;
      return;
    }
    const index = this.indexes[i]!;
    const place = this.places.get(name)!;
    const holders = index.get(key);
    if (!holders) index.set(key, { names: new Set([name]), last: place });
    else if (place > holders.last) {
      holders.names.add(name);
      holders.last = place;
    } else {
      // A name older than the key's last holder: put it back in order (rare: a set again).
      const names = [...holders.names, name].sort(
        (a, b) => this.places.get(a)! - this.places.get(b)!,
      );
      index.set(key, { names: new Set(names), last: Math.max(place, holders.last) });
    }
  }

  private unlist(i: number, name: string, key: IndexKey | undefined): void {
    if (key === undefined) {
      this.unkeyed[i]!--;
      return;
    }
    const index = this.indexes[i]!;
    const holders = index.get(key);
    holders?.names.delete(name);
    if (holders?.names.size === 0) index.delete(key);
  }
}
