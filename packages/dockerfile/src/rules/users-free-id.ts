import { ALPINE_GIDS, ALPINE_UIDS } from "./alpine-base.js";

/** busybox's system ID range on Alpine (FIRST_SYSTEM_ID..LAST_SYSTEM_ID). */
const SYSTEM_FIRST = 100;
const SYSTEM_LAST = 999;

/**
 * An ID to suggest in place of `wanted`, which Alpine's base has: free on Alpine's base and
 * named nowhere in the file (any bare number counts, a port as much as a GID, so the choice
 * clashes with nothing the file sets). A system ID is looked for downwards first, as Debian
 * hands them out; any other upwards.
 */
export function freeId(kind: "uid" | "gid", wanted: number, text: string): number {
  const base = kind === "uid" ? ALPINE_UIDS : ALPINE_GIDS;
  const named = numbersIn(text);
  const free = (id: number) => !base.has(id) && !named.has(id);
  const system = wanted >= SYSTEM_FIRST && wanted <= SYSTEM_LAST;
  if (system) {
    for (let id = wanted - 1; id >= SYSTEM_FIRST; id--) if (free(id)) return id;
  }
  for (let id = wanted + 1; ; id++) if (free(id)) return id;
}

function numbersIn(text: string): Set<number> {
  return new Set([...text.matchAll(/(?<![\w.-])\d{1,10}(?![\w.-])/g)].map((m) => Number(m[0])));
}
