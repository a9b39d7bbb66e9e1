import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

describe("alpinize entrypoint notes on a declined usermod", () => {
  it("prints one line per declined call, with the lint's error severity", async () => {
    const dir = await mkdtemp(join(tmpdir(), "alpinize-declined-"));
    try {
      const file = join(dir, "e.sh");
      await writeFile(file, '#!/bin/sh\nusermod -o -u "$PUID" app\n');
      const r = await runCli(["entrypoint", file, "--check"]);
      expect(r.code).toBe(1);
      const lines = r.stderr.split("\n").filter((l) => l.includes(`${file}:2:1`));
      expect(lines).toEqual([
        expect.stringMatching(
          /^error \S+:2:1 \[usermod\] only `usermod -aG GROUP USER` is rewritten/,
        ),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
