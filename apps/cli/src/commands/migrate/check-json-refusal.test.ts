import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

/**
 * Every --json refusal prints one JSON document on stdout and, on stderr, the error's message and
 * its hint (README "JSON on errors"): migrate --check --json on a file it refuses does the same,
 * with no summary, diff or second copy of the document besides.
 */
describe("alpinize migrate --check --json on a Dockerfile it refuses", () => {
  const tmp = useTempDir("alpinize-migrate-check-json-", { scope: "all" });

  it("keeps stdout to the JSON document and stderr to the message and hint, as check --json does", async () => {
    await writeFile(join(tmp.dir, "Dockerfile"), "FROM debian:bookworm\nFOO bar\n");
    const r = await runCli(["migrate", "--check", "--json", "Dockerfile"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { errors: { message: string; hint: string }[] };
    const [error] = doc.errors;
    expect(r.stderr).toBe(`error ${error?.message}\n  ${error?.hint}\n`);
    const usage = await runCli(["check", "--json", "missing"], { cwd: tmp.dir });
    expect(usage.stderr.split("\n").filter(Boolean)).toHaveLength(2);
    expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(2);
  });
});
