import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

// The rewrite leaves the lookups by name as written and warns; its own shim call must still
// count as making `docker` on the next run, and for alpinize check, and its GID 999 (Alpine's
// ping) is still reported.
const script = [
  "#!/bin/sh",
  "groupadd -g 999 docker",
  "X=$(getent group docker)",
  "grep -q docker /etc/group && echo y",
  "chgrp docker /a",
  "",
].join("\n");

const named = (stderr: string) =>
  stderr
    .split("\n")
    .filter((l) => l.includes("group-name"))
    .map((l) => /\.sh:(\d+(?::\d+)?)[: ]/.exec(l)?.[1]);

describe("group-name warnings after alpinize entrypoint --write", () => {
  it("come back on a rerun, with --check, and from alpinize check", async () => {
    const dir = await mkdtemp(join(tmpdir(), "alpinize-rerun-"));
    try {
      const file = join(dir, "entrypoint.sh");
      await writeFile(file, script);
      const first = await runCli(["entrypoint", file, "--write"]);
      expect(first.code, first.stderr).toBe(0);
      // --write prints them where they are in the file it wrote: where the rerun finds them.
      expect(named(first.stderr)).toEqual(["5:18", "6:9"]);
      const written = await readFile(file, "utf8");
      expect(written).toContain("alpinize_ensure_group docker 999 >/dev/null");
      for (const flags of [[], ["--check"]]) {
        const again = await runCli(["entrypoint", file, ...flags]);
        expect(again.code).toBe(0);
        expect(named(again.stderr)).toEqual(["5:18", "6:9"]);
        // The shim call's GID is ping's on Alpine: said again on the rerun, as on the first run.
        expect(again.stderr).toContain(
          "4:30 [alpine-id] GID 999 is held by Alpine's base group ping",
        );
        expect(again.stderr).toContain("nothing to rewrite, 3 finding(s) left to fix by hand");
      }
      await writeFile(
        join(dir, "Dockerfile"),
        'FROM alpine:3.23\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n',
      );
      const check = await runCli(["check", dir]);
      expect(named(check.stderr)).toEqual(["5", "6"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
