import type { StageState } from "./scope.js";

/** A tentative conversion's hold on the stage state: put it back, or keep what it changed. */
export interface StageSnapshot {
  restore(): void;
  keep(): void;
}

type Undo = () => void;

/**
 * The undo log. Copying every Set, Map and array of the stage for each `sh -c` string made many
 * strings in one RUN quadratic (an `apk add` per string grows `apkAdds`); instead the collections
 * log how to undo each change while a snapshot is open. One log for all stages: migration is
 * synchronous and snapshots nest, and a stage copied with a spread shares its collections.
 */
const journal = { log: [] as Undo[], open: 0 };
/** Collections whose mutating methods log. */
const hooked = new WeakSet<object>();

/** Marks what `stage` holds now; `restore` undoes every change made through its collections since. */
export function snapshotStage(stage: StageState): StageSnapshot {
  // Fields themselves (flags, `companionsOf ??= new Map()`, a new `wget`) are few: saved whole.
  const fields = Object.entries(stage);
  for (const [, value] of fields) hook(value);
  const lengths = fields.map(([, v]) => (Array.isArray(v) ? v.length : -1));
  const mark = journal.log.length;
  journal.open++;
  let done = false;
  const close = () => {
    if (done) throw new Error("stage snapshot closed twice");
    done = true;
    if (--journal.open === 0) journal.log.length = 0;
  };
  return {
    restore() {
      for (const undo of journal.log.splice(mark).reverse()) undo();
      const target = stage as unknown as Record<string, unknown>;
      const saved = new Set(fields.map(([key]) => key));
      for (const key of Object.keys(stage)) if (!saved.has(key)) delete target[key];
      const changed = fields.filter(([key, value], i) => {
        target[key] = value;
        return Array.isArray(value) && value.length !== lengths[i];
      });
      close();
      // An array written by index or `length =` logs nothing: fail loudly, not restore half.
      if (changed.length > 0) {
        throw new Error(
          `stage ${changed[0]![0]} changed without its methods during a tentative conversion`,
        );
      }
    },
    keep: close,
  };
}

function hook(value: unknown): void {
  if (typeof value !== "object" || value === null || hooked.has(value)) return;
  if (value instanceof Set) hookSet(value);
  else if (value instanceof Map) hookMap(value);
  else if (Array.isArray(value)) hookArray(value);
  else return;
  hooked.add(value);
}

/** Defines `name` on the object itself (not enumerable): it shadows the prototype's method. */
function override(target: object, name: string, logged: (...args: never[]) => unknown): void {
  Object.defineProperty(target, name, { value: logged, configurable: true, writable: true });
}

function hookSet<T>(set: Set<T>): void {
  const add = Set.prototype.add;
  const remove = Set.prototype.delete;
  override(set, "add", (value: T) => {
    if (journal.open > 0 && !set.has(value)) journal.log.push(() => remove.call(set, value));
    return add.call(set, value);
  });
  // Deleting and clearing are rare: the whole set is saved so its order comes back too.
  const saveAll = () => {
    if (journal.open === 0) return;
    const before = [...set];
    journal.log.push(() => {
      Set.prototype.clear.call(set);
      for (const v of before) add.call(set, v);
    });
  };
  override(set, "delete", (value: T) => {
    if (set.has(value)) saveAll();
    return remove.call(set, value);
  });
  override(set, "clear", () => {
    saveAll();
    Set.prototype.clear.call(set);
  });
}

function hookMap<K, V>(map: Map<K, V>): void {
  const set = Map.prototype.set;
  const remove = Map.prototype.delete;
  override(map, "set", (key: K, value: V) => {
    if (journal.open > 0) {
      const had = map.has(key);
      const old = map.get(key);
      journal.log.push(had ? () => set.call(map, key, old as V) : () => remove.call(map, key));
    }
    return set.call(map, key, value);
  });
  const saveAll = () => {
    if (journal.open === 0) return;
    const before = [...map];
    journal.log.push(() => {
      Map.prototype.clear.call(map);
      for (const [k, v] of before) set.call(map, k, v);
    });
  };
  override(map, "delete", (key: K) => {
    if (map.has(key)) saveAll();
    return remove.call(map, key);
  });
  override(map, "clear", () => {
    saveAll();
    Map.prototype.clear.call(map);
  });
}

/** Methods that change an array other than at its end: logged with a copy of the whole array. */
const REORDERING = ["pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin"];

function hookArray<T>(array: T[]): void {
  const push = Array.prototype.push;
  override(array, "push", (...items: T[]) => {
    if (journal.open > 0) {
      const length = array.length;
      journal.log.push(() => {
        array.length = length;
      });
    }
    return push.apply(array, items);
  });
  for (const name of REORDERING) {
    const method = (Array.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[
      name
    ]!;
    override(array, name, (...args: never[]) => {
      if (journal.open > 0) {
        const before = [...array];
        journal.log.push(() => {
          array.length = 0;
          for (const v of before) push.call(array, v);
        });
      }
      return method.apply(array, args);
    });
  }
}
