import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { KNOWN_RELEASES } from "../src/index.js";
import { aportsIndexDir, aportsIndexFile } from "./aports-index.js";

const pkg = fileURLToPath(new URL("..", import.meta.url));
// Throws under CI when the index is missing: a data freshness test skipped there checks nothing.
const present = KNOWN_RELEASES.every((release) => aportsIndexFile(release) !== undefined);
if (!present)
  console.warn(
    `skipping data freshness test: ${aportsIndexDir()} is absent (set ALPINIZE_CORPUS_DIR to the shared corpus, or APORTS_INDEX_DIR)`,
  );

describe.skipIf(!present)("generated data", () => {
  let out = "";
  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("is what the generator writes from the aports index and the Debian facts", {
    timeout: 120_000,
  }, () => {
    out = mkdtempSync(join(tmpdir(), "package-map-gen-"));
    execFileSync(process.execPath, [join(pkg, "scripts", "generate.mjs"), "--out", out], {
      stdio: "pipe",
      env: { ...process.env, APORTS_INDEX_DIR: aportsIndexDir() },
    });
    for (const file of [...KNOWN_RELEASES.map((r) => `alpine-${r}.json`), "debian-index.json"]) {
      const fresh = readFileSync(join(out, file), "utf8");
      const committed = readFileSync(join(pkg, "data", file), "utf8");
      expect(
        fresh === committed,
        `${file} differs: run pnpm --filter @alpinize/package-map generate`,
      ).toBe(true);
    }
  });
});
