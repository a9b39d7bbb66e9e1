/** Marks a name taken out in a layer over one that has it. */
const GONE = Symbol("gone");

/**
 * When each name last came in, counted over every layer alike: a map keeps its names in that
 * order, and a layer read through its parents gives them back sorted by it, as a copy would.
 */
let clock = 0;

/**
 * One of ApkWorld's maps, a name to a value. A fork starts as its parent and holds only what
 * changed in it, reading the rest through the parent, so a conditional stretch opens in constant
 * time where a copy took time in the size of the world. A parent that changes while its last fork
 * is live first hands that fork the value it had (copy on write), so the fork still reads as a
 * copy made when it was forked; an older fork is no longer kept apart and follows the parent.
 */
export class Layer<V> {
  private readonly values = new Map<string, V | typeof GONE>();
  private readonly seqs = new Map<string, number>();
  private child?: Layer<V>;
  /** Per name, the layer a lookup here found it in (holder), as of the name's `edits` count. */
  private readonly found = new Map<string, Found<V>>();

  private constructor(
    private readonly parent?: Layer<V>,
    private readonly edits: Edits = new Map(),
  ) {}

  static root<V>(): Layer<V> {
    return new Layer<V>();
  }

  /** A layer that reads as this one does now, until either changes. */
  fork(): Layer<V> {
    const next = new Layer<V>(this, this.edits);
    this.child = next;
    return next;
  }

  /** A layer of its own with what this one reads, in the same order. */
  copy(): Layer<V> {
    const next = new Layer<V>();
    for (const [name, [value, seq]] of this.visible()) {
      next.write(name, value);
      next.seqs.set(name, seq);
    }
    return next;
  }

  get(name: string): V | undefined {
    const value = this.holder(name)?.values.get(name);
    return value === GONE ? undefined : value;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** A name already there keeps its place in the order; a new one goes last. */
  set(name: string, value: V): void {
    const seq = this.seqOf(name);
    this.keepForChild(name);
    if (seq === undefined) this.values.delete(name);
    this.write(name, value);
    this.seqs.set(name, seq ?? ++clock);
  }

  delete(name: string): void {
    if (!this.has(name)) return;
    this.keepForChild(name);
    if (this.parent) this.write(name, GONE);
    else {
      this.values.delete(name);
      this.edited(name);
    }
    this.seqs.delete(name);
  }

  /** The names and values, read-only: a root's own map, a fork's read through its parents. */
  asMap(): ReadonlyMap<string, V> {
    return this.parent ? new LayerView(this) : (this.values as Map<string, V>);
  }

  /** Names with their values in order: each layer's changes over its parent's, by `seqs`. */
  flat(): Map<string, V> {
    const out = new Map<string, V>();
    for (const [name, [value]] of this.visible()) out.set(name, value);
    return out;
  }

  private visible(): Map<string, [V, number]> {
    const chain: Layer<V>[] = [];
    for (let l: Layer<V> | undefined = this; l; l = l.parent) chain.push(l);
    const seen = new Map<string, [V, number]>();
    for (const l of chain.reverse())
      for (const [name, value] of l.values) {
        if (value === GONE) seen.delete(name);
        else seen.set(name, [value, l.seqs.get(name)!]);
      }
    if (chain.length === 1) return seen;
    return new Map([...seen].sort((a, b) => a[1][1] - b[1][1]));
  }

  /**
   * The nearest layer that says anything of `name`. Walking up to it cost the nesting depth at
   * each lookup (1000 nested `if`s that each add a package: a million steps); each fork walked
   * through keeps what it found until a layer of its tree changes that name, so a lookup stops at
   * the first layer that knows, and a name no layer ever held is answered at once.
   */
  private holder(name: string): Layer<V> | undefined {
    const edits = this.edits.get(name);
    if (edits === undefined) return undefined;
    const walked: Layer<V>[] = [];
    let holder: Layer<V> | undefined;
    for (let l: Layer<V> | undefined = this; l; l = l.parent) {
      if (l.values.has(name)) {
        holder = l;
        break;
      }
      const known = l.found.get(name);
      if (known?.edits === edits) {
        holder = known.holder;
        break;
      }
      // A root is read at once: it keeps nothing (a stage's world looks up every name it meets).
      if (l.parent) walked.push(l);
    }
    for (const l of walked) l.found.set(name, { edits, holder });
    return holder;
  }

  /** Sets this layer's own entry for `name`. */
  private write(name: string, value: V | typeof GONE, layer: Layer<V> = this): void {
    layer.values.set(name, value);
    this.edited(name);
  }

  /** What lookups kept for `name` in this tree no longer holds. */
  private edited(name: string): void {
    this.edits.set(name, (this.edits.get(name) ?? 0) + 1);
  }

  private seqOf(name: string): number | undefined {
    const l = this.holder(name);
    return l && l.values.get(name) !== GONE ? l.seqs.get(name) : undefined;
  }

  /** Before a change here, the live fork gets the value it read through this layer. */
  private keepForChild(name: string): void {
    const child = this.child;
    if (!child || child.values.has(name)) return;
    const l = this.holder(name);
    const value = l?.values.get(name);
    if (value === undefined || value === GONE) {
      this.write(name, GONE, child);
      return;
    }
    this.write(name, value, child);
    child.seqs.set(name, l!.seqs.get(name)!);
  }
}

/**
 * Per name, how many times a layer of one tree (a root and the forks made from it) changed its
 * own entry for it: what a lookup kept is good while that count stays.
 */
type Edits = Map<string, number>;

/** A lookup kept: the layer it found the name in (undefined: none) and the name's edits then. */
interface Found<V> {
  edits: number;
  holder: Layer<V> | undefined;
}

/** A fork's map as a ReadonlyMap: lookups read through; a walk goes over a flat copy made when it starts. */
class LayerView<V> implements ReadonlyMap<string, V> {
  constructor(private readonly layer: Layer<V>) {}

  get(name: string): V | undefined {
    return this.layer.get(name);
  }

  has(name: string): boolean {
    return this.layer.has(name);
  }

  get size(): number {
    return this.layer.flat().size;
  }

  forEach(fn: (value: V, name: string, map: ReadonlyMap<string, V>) => void, self?: unknown): void {
    for (const [name, value] of this.layer.flat()) fn.call(self, value, name, this);
  }

  // Generators, so that nothing is flattened until the walk starts: `installed().keys()` is
  // handed to rules that walk it only for a few commands.
  *entries(): MapIterator<[string, V]> {
    yield* this.layer.flat();
  }

  *keys(): MapIterator<string> {
    yield* this.layer.flat().keys();
  }

  *values(): MapIterator<V> {
    yield* this.layer.flat().values();
  }

  *[Symbol.iterator](): MapIterator<[string, V]> {
    yield* this.layer.flat();
  }
}
