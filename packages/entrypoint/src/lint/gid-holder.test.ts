import { ALPINE_BASE_GROUPS } from "@alpinize/busybox";
import { describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../rewrite/rewrite.js";
import { lintEntrypoint } from "./lint.js";

// The tester's scripts (GID 0, 08, 1000, 1500): a group made with the GID, then named again.
const script = (gid: string) =>
  `#!/bin/sh\ngroupadd -g ${gid} grp\nchgrp grp /x\ngetent group grp\n`;

function messages(gid: string): string[] {
  const text = script(gid);
  const rewrite = rewriteEntrypoint(text).warnings.map((w) => w.message);
  const lint = lintEntrypoint(text).map((f) => f.message);
  return [...rewrite, ...lint].filter((m) => m.includes("GID"));
}

describe("group-name and alpine-id messages say what holds the GID at hand", () => {
  it("names ping only for 999, and no holder for a GID Alpine's base leaves free", () => {
    expect(ALPINE_BASE_GROUPS.has(1000)).toBe(false);
    for (const gid of ["0", "08", "1000", "1500"]) {
      const all = messages(gid);
      expect(all.length, gid).toBeGreaterThan(0);
      for (const m of all) expect(m, gid).not.toContain("ping holds 999");
    }
    for (const gid of ["08", "1000", "1500"])
      for (const m of messages(gid))
        expect(m, gid).toContain(`no group holds GID ${Number(gid)} in Alpine`);
    expect(messages("999").join("\n")).toContain("ping holds GID 999 in Alpine");
  });

  it("says the base table is one release's, and claims no refusal Debian makes too", () => {
    const zero = messages("0").join("\n");
    expect(zero).toContain("root holds GID 0 in Alpine");
    expect(zero).toMatch(/Alpine 3\.\d+'s base image, assumed for other releases/);
    expect(zero).not.toMatch(/\(Alpine 3\.\d+\)/);
    expect(zero).not.toContain("refuses it there");
  });
});
