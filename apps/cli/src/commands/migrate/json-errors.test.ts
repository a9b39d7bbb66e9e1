import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_RELEASE } from "@alpinize/package-map";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

describe("alpinize migrate --json on an error that stops the run", () => {
  const tmp = useTempDir("alpinize-migrate-json-errors-", { scope: "all" });

  it("prints {release, errors, files: []} for a missing Dockerfile, naming it", async () => {
    const r = await runCli(["migrate", "--json", "missing/Dockerfile"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      release: DEFAULT_RELEASE,
      errors: [
        {
          file: "missing/Dockerfile",
          code: "ALPINIZE_MIGRATE_NO_FILE",
          message: "missing/Dockerfile: no such file",
          hint: expect.stringContaining("Dockerfile") as unknown,
        },
      ],
      files: [],
    });
    expect(r.stderr).toContain("error missing/Dockerfile: no such file");
  });

  it("has release null when the flags could not be read, or name an unknown release", async () => {
    const bogus = await runCli(["migrate", "--json", "--bogus", "x"], { cwd: tmp.dir });
    expect(bogus.code).toBe(2);
    expect(JSON.parse(bogus.stdout)).toMatchObject({
      release: null,
      errors: [{ code: "ALPINIZE_USAGE", message: expect.stringContaining("--bogus") as unknown }],
      files: [],
    });
    expect(bogus.stderr).toContain("alpinize migrate: unknown option --bogus");
    const unknown = await runCli(["migrate", "--json", "--alpine", "9.9", "Dockerfile"], {
      cwd: tmp.dir,
    });
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ release: null, files: [] });
    expect(unknown.stderr).toContain('"9.9"');
  });

  it("prints the same shape for a directory with nothing to migrate", async () => {
    await mkdir(join(tmp.dir, "empty"));
    const r = await runCli(["migrate", "--json", "--alpine", "3.23", "empty"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      release: "3.23",
      errors: [
        {
          file: "empty",
          code: "ALPINIZE_MIGRATE_NOTHING",
          message: expect.stringContaining("nothing was migrated") as unknown,
          hint: expect.any(String) as unknown,
        },
      ],
      files: [],
    });
    expect(r.stderr).toContain("nothing was migrated");
  });
});
