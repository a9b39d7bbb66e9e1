import { link, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { NO_CREDENTIALS_ENV as env, useRegistry } from "../../test-support/registry.js";

// As migrate and entrypoint --write: the rename gives the file a new inode, other names keep it.
describe("alpinize pin --write of a file with other hard links", () => {
  const fx = useRegistry({ dir: "alpinize-pin-links-" });
  const unpinned = () => `FROM ${fx.registry.host}/team/app:1.0\n`;

  async function linked(...names: string[]): Promise<void> {
    for (const name of ["Dockerfile", ...names]) await rm(join(fx.dir, name), { force: true });
    await writeFile(join(fx.dir, "Dockerfile"), unpinned());
    for (const name of names) await link(join(fx.dir, "Dockerfile"), join(fx.dir, name));
  }

  it("warns with the count, under --json too; the other name keeps the old text", async () => {
    await linked("old.Dockerfile");
    const res = await runCli(["pin", "--write", "Dockerfile"], { cwd: fx.dir, env });
    expect(res.code, res.stderr).toBe(0);
    expect(await readFile(join(fx.dir, "Dockerfile"), "utf8")).toContain(fx.app.indexDigest);
    expect(await readFile(join(fx.dir, "old.Dockerfile"), "utf8")).toBe(unpinned());
    expect(res.stderr).toContain(
      "warning Dockerfile: had 1 other hard link; --write replaced it with a new file (a new inode), so that name still holds the old text",
    );

    await linked("b", "c");
    const json = await runCli(["pin", "--write", "--json", "Dockerfile"], { cwd: fx.dir, env });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).files[0].written).toBe(true);
    expect(json.stderr).toContain("warning Dockerfile: had 2 other hard links;");
    expect(JSON.parse(json.stdout).hardLinks).toEqual([
      { file: "Dockerfile", otherLinks: 2, message: expect.stringContaining("ln -f Dockerfile") },
    ]);
  });

  it("does not count a name the same run rewrote too", async () => {
    await linked("same.Dockerfile", "kept");
    const res = await runCli(["pin", "--write", "Dockerfile", "same.Dockerfile"], {
      cwd: fx.dir,
      env,
    });
    expect(res.code, res.stderr).toBe(0);
    expect(await readFile(join(fx.dir, "same.Dockerfile"), "utf8")).toContain(fx.app.indexDigest);
    // Only "kept" holds the old text, and each rewritten name says so once.
    expect(res.stderr).toContain("warning Dockerfile: had 1 other hard link;");
    expect(res.stderr).toContain("warning same.Dockerfile: had 1 other hard link;");

    await linked("same.Dockerfile");
    const both = await runCli(["pin", "--write", "Dockerfile", "same.Dockerfile"], {
      cwd: fx.dir,
      env,
    });
    expect(both.code, both.stderr).toBe(0);
    expect(both.stderr).not.toContain("hard link");
  });
});
