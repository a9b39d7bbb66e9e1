import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALPINE_FILES } from "../../test/support/roots.js";
import { ALPINE_GIDS, ALPINE_UIDS } from "./alpine-base.js";

/** ID → name from an /etc/group or /etc/passwd file. */
function idsIn(file: string): Map<number, string> {
  const lines = readFileSync(join(ALPINE_FILES, file), "utf8").split("\n").filter(Boolean);
  return new Map(
    lines.map((line) => {
      const [name = "", , id = ""] = line.split(":");
      return [Number(id), name];
    }),
  );
}

// The tables are a copy (this package does not depend on @alpinize/dockerfile): they must stay
// what Alpine's base image holds.
describe.skipIf(!existsSync(join(ALPINE_FILES, "group")))("Alpine's base IDs", () => {
  it("are exactly Alpine's /etc/group and /etc/passwd", () => {
    expect(ALPINE_GIDS).toEqual(idsIn("group"));
    expect(ALPINE_UIDS).toEqual(idsIn("passwd"));
  });
});
