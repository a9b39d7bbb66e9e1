import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { freshRootEach, skipReason } from "./support/roots.js";

// Debian's nogroup is GID 65534, which Alpine's base gives to nobody; Alpine's nogroup is 65533.
// The warning said only "'nogroup' is not created", as for a name Alpine lacks.
const script = (...lines: string[]) => ["#!/bin/sh", "set -e", ...lines, ""].join("\n");
const ALPINE = "Alpine 3.23's base image, assumed for other releases";
const HELD = `GID 65534 is held by Alpine's base group nobody (${ALPINE})`;
const THERE = "Alpine's base has 'nogroup' already, with GID 65533";
const FIX =
  "drop this step and use Alpine's nogroup (GID 65533: what expects GID 65534 must then name nogroup or 65533), or give the group a name Alpine's base lacks and a GID it does not hold (1000 to 60000 are free on both Debian and Alpine)";

/** `severity message | fix` of each alpine-id finding. */
const ids = (text: string) =>
  lintEntrypoint(text)
    .filter((f) => f.rule === "alpine-id")
    .map((f) => `${f.severity} ${f.message} | ${f.fix}`);

describe("alpine-id: a base group's name asked for with a GID another base group holds", () => {
  it("groupadd and addgroup -g 65534 nogroup: says Alpine has nogroup at GID 65533", () => {
    const made = `alpinize_ensure_group, which alpinize entrypoint writes for it, reuses nobody and prints 'nobody', so no 'nogroup' with GID 65534 is made: ${THERE}`;
    for (const line of [
      "groupadd -g 65534 nogroup",
      "groupadd -f -g 65534 nogroup",
      "addgroup -g 65534 nogroup",
    ])
      expect(ids(script(line)), line).toEqual([`warning ${HELD}: ${made} | ${FIX}`]);
  });

  it("groupadd -o, left as is, stops on the name before the GID", () => {
    expect(ids(script("groupadd -o -g 65534 nogroup"))).toEqual([
      `warning ${HELD}: with -o groupadd would share GID 65534 with nobody, but it stops on the name first: ${THERE} | ${FIX}`,
      expect.stringMatching(/^error group nogroup already exists .*groupadd fails there/),
    ]);
  });

  it("the rewritten call says a later use of the name finds Alpine's nogroup", () => {
    const out = rewriteEntrypoint(script("groupadd -g 65534 nogroup")).output;
    expect(out).toContain("alpinize_ensure_group nogroup 65534");
    expect(ids(out)).toEqual([
      expect.stringContaining(
        "so 'nogroup' is not created and a later use of its name finds Alpine's nogroup, GID 65533 |",
      ),
    ]);
    // A name Alpine lacks is still not found later.
    expect(ids(script("alpinize_ensure_group web 65534"))).toEqual([
      expect.stringContaining(
        "so 'web' is not created and a later use of its name finds no group |",
      ),
    ]);
  });
});

const reason = skipReason("busybox");
describe.skipIf(reason !== undefined)(
  `groupadd -g 65534 nogroup rewritten, in the musl busybox root${reason ? ` (skipped: ${reason})` : ""}`,
  () => {
    const root = freshRootEach("busybox");

    it("reuses nobody, and nogroup stays Alpine's, GID 65533", async () => {
      const before = await root().read("etc/group");
      expect(before).toMatch(/^nogroup:x:65533:/m);
      expect(before).toMatch(/^nobody:x:65534:/m);
      const out = rewriteEntrypoint(script("groupadd -g 65534 nogroup", "echo done")).output;
      await root().write("entry.sh", out);
      const r = await root().exec(["/bin/sh", "/entry.sh"]);
      expect([r.code, r.stdout, r.stderr]).toEqual([0, "done\n", ""]);
      expect(await root().read("etc/group")).toBe(before);
      const shim = await root().sh("alpinize_ensure_group nogroup 65534");
      expect([shim.code, shim.stdout]).toEqual([0, "nobody\n"]);
      const raw = await root().exec(["/bin/sh", "-c", "addgroup -g 65534 nogroup"]);
      expect([raw.code, raw.stderr]).toEqual([1, "addgroup: group 'nogroup' in use\n"]);
    });
  },
);
