import { readFileSync } from "node:fs";
import { join } from "node:path";
import { corpusPath, corpusSkipReason } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { ALPINE_BASE_GROUPS, ALPINE_BASE_PRIMARY_GIDS, ALPINE_BASE_USERS } from "../src/index.js";

const ALPINE_FILES = corpusPath("alpine-rootfs");
const skipped = corpusSkipReason(join(ALPINE_FILES, "group"));
const HAVE_FILES = skipped === undefined;
if (skipped) console.warn(`skipping Alpine base account checks: ${skipped}`);

/** The colon-separated fields of each line of an /etc/group or /etc/passwd file. */
function rows(file: string): string[][] {
  const text = readFileSync(join(ALPINE_FILES, file), "utf8");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split(":"));
}

/** ID (field 2) → name (field 0), in file order. */
function idsIn(file: string): Map<number, string> {
  return new Map(rows(file).map(([name = "", , id = ""]) => [Number(id), name]));
}

/** Primary GID (passwd field 3) → the first user that has it, as delgroup meets them. */
function primaryGids(): Map<number, string> {
  const gids = new Map<number, string>();
  for (const [name = "", , , gid = ""] of rows("passwd")) {
    if (!gids.has(Number(gid))) gids.set(Number(gid), name);
  }
  return gids;
}

const sorted = (m: ReadonlyMap<number, string>) => [...m].sort(([a], [b]) => a - b);

describe.skipIf(!HAVE_FILES)("Alpine's base accounts", () => {
  it("are exactly Alpine's /etc/group and /etc/passwd", () => {
    expect(sorted(ALPINE_BASE_GROUPS)).toEqual(sorted(idsIn("group")));
    expect(sorted(ALPINE_BASE_USERS)).toEqual(sorted(idsIn("passwd")));
  });

  it("know each base user's primary GID and its first holder", () => {
    expect(sorted(ALPINE_BASE_PRIMARY_GIDS)).toEqual(sorted(primaryGids()));
  });
});

describe("Alpine's base accounts, without the corpus", () => {
  it("name a group for every primary GID", () => {
    // A primary GID must be a group of the base image, or busybox tools would see a dangling GID.
    const missing = [...ALPINE_BASE_PRIMARY_GIDS.keys()].filter((g) => !ALPINE_BASE_GROUPS.has(g));
    expect(missing).toEqual([]);
  });
});
