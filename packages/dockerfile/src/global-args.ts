import type { ArgDefault } from "./stages.js";

// One map per list of global ARGs: a file with thousands of `FROM ${X}` stages asks once per
// stage, and a search of the list each time made migrating it grow with the square.
const maps = new WeakMap<readonly ArgDefault[], ReadonlyMap<string, ArgDefault>>();

/**
 * Name → the global ARG whose default a FROM reads. A name declared twice keeps its last
 * default: BuildKit adds each global ARG to the list the FROM lines expand from, in order, and
 * a later entry replaces an earlier one of the same name.
 */
export function globalArgMap(args: readonly ArgDefault[]): ReadonlyMap<string, ArgDefault> {
  let map = maps.get(args);
  if (!map) {
    const byName = new Map<string, ArgDefault>();
    for (const arg of args) byName.set(arg.name, arg);
    map = byName;
    maps.set(args, map);
  }
  return map;
}

/** The global ARG (declared before the first FROM) that gives `name` its default. */
export function globalArg(args: readonly ArgDefault[], name: string): ArgDefault | undefined {
  return globalArgMap(args).get(name);
}
