import { ALPINE_GIDS, ALPINE_UIDS } from "./alpine-base.js";

/** busybox's system ID range on Alpine (FIRST_SYSTEM_ID..LAST_SYSTEM_ID), Debian's too. */
const SYSTEM_FIRST = 100;
const SYSTEM_LAST = 999;
/** Debian's range for people's accounts (FIRST_UID..LAST_UID); above it 65534 is nobody and
 * 65535 is (uid_t)-1 to 16-bit interfaces, so an ID up there is no advice to give. */
const PEOPLE_FIRST = 1000;
const PEOPLE_LAST = 59999;

/**
 * An ID to suggest in place of `wanted`, which Alpine's base has: free on Alpine's base and
 * named nowhere in the file (any bare number counts, a port as much as a GID, so the choice
 * clashes with nothing the file sets), and in a range meant for new accounts. A system ID
 * (100-999) gets one of those, downwards first as Debian's useradd -r hands them out; one of the
 * statically allocated IDs below 100 gets the highest free system ID (busybox and Alpine's
 * packages take the low ones first); any other the next free one from 1000 to 59999. Undefined
 * only when the file names every candidate.
 */
export function freeId(kind: "uid" | "gid", wanted: number, text: string): number | undefined {
  const base = kind === "uid" ? ALPINE_UIDS : ALPINE_GIDS;
  const named = numbersIn(text);
  const free = (id: number) => !base.has(id) && !named.has(id);
  const first = (ids: Iterable<number>) => {
    for (const id of ids) if (free(id)) return id;
    return undefined;
  };
  if (wanted < SYSTEM_FIRST) return first(down(SYSTEM_LAST, SYSTEM_FIRST)) ?? first(people(0));
  if (wanted <= SYSTEM_LAST)
    return (
      first(down(wanted - 1, SYSTEM_FIRST)) ??
      first(up(wanted + 1, SYSTEM_LAST)) ??
      first(people(0))
    );
  return first(people(wanted));
}

/** From `from` up to `to`, both included (nothing when `from` is above `to`). */
function* up(from: number, to: number): Generator<number> {
  for (let id = from; id <= to; id++) yield id;
}

/** From `from` down to `to`, both included (nothing when `from` is below `to`). */
function* down(from: number, to: number): Generator<number> {
  for (let id = from; id >= to; id--) yield id;
}

/** The people's range from just above `wanted` (or its start) to its end, then its start. */
function* people(wanted: number): Generator<number> {
  const start = wanted >= PEOPLE_FIRST && wanted < PEOPLE_LAST ? wanted + 1 : PEOPLE_FIRST;
  yield* up(start, PEOPLE_LAST);
  yield* up(PEOPLE_FIRST, start - 1);
}

function numbersIn(text: string): Set<number> {
  return new Set([...text.matchAll(/(?<![\w.-])\d{1,10}(?![\w.-])/g)].map((m) => Number(m[0])));
}
