import { describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../src/index.js";

/** The note at the groupadd edit: what alpinize_ensure_group does with a GID already held. */
const note = (gid: string, tool = "groupadd -g") => {
  const r = rewriteEntrypoint(`#!/bin/sh\n${tool} ${gid} docker\n`);
  return r.edits.find((e) => e.rule === "groupadd" || e.rule === "addgroup")?.message ?? "";
};

describe("the groupadd edit's note names the GID at hand and its holder on Alpine", () => {
  it("ping for 999", () => {
    expect(note("999")).toMatch(
      /^reuses the group that already holds GID 999 instead of failing \(ping holds GID 999 in Alpine 3\.\d+'s base image/,
    );
  });

  it("no holder for 1500, and no word of ping", () => {
    const m = note("1500");
    expect(m).toContain("reuses the group that already holds GID 1500 instead of failing");
    expect(m).toContain("no group holds GID 1500 in Alpine");
    expect(m).not.toContain("ping");
  });

  it("addgroup -g with leading zeros: the GID as the shim is given it", () => {
    expect(note("0101", "addgroup -g")).toContain("already holds GID 101");
  });

  it("a GID in a variable is not known", () => {
    expect(note('"$GID"')).toContain('"$GID" is no number, so which group holds it is not known');
  });
});
