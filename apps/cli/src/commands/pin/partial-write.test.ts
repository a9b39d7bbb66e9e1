import { chmod, chown, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { canRunUnprivileged, isRoot, runUnprivilegedAsync } from "../../test-support/nobody.js";
import { useRegistry } from "../../test-support/registry.js";

// Root ignores directory modes: as root the built CLI runs as nobody, or the tests skip.
const canDrop = canRunUnprivileged();

describe.skipIf(!canDrop)("alpinize pin --write when one file cannot be written", () => {
  const fx = useRegistry({ dir: "alpinize-pin-partial-" });
  const files = ["a.Dockerfile", "locked/b.Dockerfile", "c.Dockerfile"];

  beforeAll(async () => {
    await chmod(fx.dir, 0o777);
    await mkdir(join(fx.dir, "locked"));
  });

  const ref = () => `${fx.registry.host}/team/app:1.0`;
  async function reset() {
    await chmod(join(fx.dir, "locked"), 0o777);
    for (const name of files) {
      await writeFile(join(fx.dir, name), `FROM ${ref()}\n`);
      await chmod(join(fx.dir, name), 0o666);
      // The files are the caller's own: another user's file is refused for its owner alone.
      if (isRoot) await chown(join(fx.dir, name), 65534, 65534);
    }
    // No temp file can be created in locked/: its file cannot be replaced (EACCES).
    await chmod(join(fx.dir, "locked"), 0o555);
  }

  it("writes the others and reports every file, written or not, in --json", async () => {
    await reset();
    const res = await runUnprivilegedAsync(["pin", "--json", "--write", ...files], {
      cwd: fx.dir,
    });
    expect(res.code).toBe(2);
    const doc = JSON.parse(res.stdout);
    expect(doc.files.map((f: { file: string; written: boolean }) => [f.file, f.written])).toEqual([
      ["a.Dockerfile", true],
      ["locked/b.Dockerfile", false],
      ["c.Dockerfile", true],
    ]);
    expect(doc.files[1].error).toMatchObject({
      code: "ALPINIZE_PIN_UNWRITABLE",
      file: "locked/b.Dockerfile",
    });
    expect(doc.errors).toEqual([doc.files[1].error]);
    const pinned = `FROM ${ref()}@${fx.app.indexDigest}\n`;
    expect(await readFile(join(fx.dir, "a.Dockerfile"), "utf8")).toBe(pinned);
    expect(await readFile(join(fx.dir, "c.Dockerfile"), "utf8")).toBe(pinned);
    expect(await readFile(join(fx.dir, "locked/b.Dockerfile"), "utf8")).toBe(`FROM ${ref()}\n`);
  });

  it("says which files were pinned and which one was not in the human output", async () => {
    await reset();
    const res = await runUnprivilegedAsync(["pin", "--write", ...files], { cwd: fx.dir });
    expect(res.code).toBe(2);
    expect(res.stdout).toContain(
      `a.Dockerfile:1: pinned ${ref()} -> ${ref()}@${fx.app.indexDigest}`,
    );
    expect(res.stdout).toContain(`c.Dockerfile:1: pinned ${ref()}`);
    expect(res.stdout).toContain(`locked/b.Dockerfile:1: would pin ${ref()}`);
    expect(res.stderr).toContain(
      "locked/b.Dockerfile: error cannot write locked/b.Dockerfile: EACCES",
    );
    expect(res.stderr).toContain("2 pinned now");
    expect(res.stderr).toContain("1 not written");
  });

  it.skipIf(!isRoot)("leaves another user's writable file to its owner (exit 2)", async () => {
    const theirs = join(fx.dir, "theirs.Dockerfile");
    await writeFile(theirs, `FROM ${ref()}\n`, { mode: 0o666 });
    await chmod(theirs, 0o666);
    const res = await runUnprivilegedAsync(["pin", "--write", "theirs.Dockerfile"], {
      cwd: fx.dir,
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toContain(`theirs.Dockerfile:1: would pin ${ref()}`);
    expect(res.stderr).toContain(
      "cannot write theirs.Dockerfile: owned by uid 0, not by you (uid 65534): replacing it would make it yours",
    );
    expect(await readFile(theirs, "utf8")).toBe(`FROM ${ref()}\n`);
    expect((await stat(theirs)).uid).toBe(0);
  });

  // A tester found --help saying another user's file is left alone, while root rewrites it (as
  // the README says): the help now says so, and this holds it to what root does.
  it.skipIf(!isRoot)(
    "as root, rewrites another user's file keeping its owner, as --help says",
    async () => {
      const help = await runCli(["pin", "--help"]);
      expect(help.stdout.replace(/\s+/g, " ")).toContain(
        "owned by another user (unless alpinize runs as root, which rewrites it and keeps its owner and group), is left alone (exit 2)",
      );
      const theirs = join(fx.dir, "nobodys.Dockerfile");
      await writeFile(theirs, `FROM ${ref()}\n`, { mode: 0o644 });
      await chown(theirs, 65534, 65534);
      const res = await runCli(["pin", "--write", "nobodys.Dockerfile"], { cwd: fx.dir });
      expect(res.code).toBe(0);
      expect(await readFile(theirs, "utf8")).toBe(`FROM ${ref()}@${fx.app.indexDigest}\n`);
      expect(await stat(theirs)).toMatchObject({ uid: 65534, gid: 65534 });
    },
  );
});
