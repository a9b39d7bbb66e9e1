import { appendFileSync, chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useEditor } from "../../test-support/concurrent-editor.js";
import { nobodyRunsCli, runUnprivileged } from "../../test-support/nobody.js";
import { useTempDir } from "../../test-support/temp-dir.js";

const SCRIPT = '#!/bin/sh\nset -e\ngroupadd -g 1001 app\nexec gosu app "$@"\n';
// Another user's file needs two users: root writes it, the built CLI runs as nobody.
const canDrop = nobodyRunsCli();

// FAKE concurrent editor: runs while the script is rewritten (between its read and write).
vi.mock("@alpinize/entrypoint", async (original) => {
  const { editingBefore } = await import("../../test-support/concurrent-editor.js");
  return editingBefore(
    await original<typeof import("@alpinize/entrypoint")>(),
    "rewriteEntrypoint",
  );
});
const during = useEditor();
const tmp = useTempDir("alpinize-entrypoint-write-");

describe("entrypoint --write", () => {
  it("leaves a script edited while it worked, and says so (exit 2)", async () => {
    const file = join(tmp.dir, "entry.sh");
    writeFileSync(file, SCRIPT);
    during.edit = () => appendFileSync(file, "# saved meanwhile\n");
    const r = await runCli(["entrypoint", "--json", "--write", file]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({
      code: "ALPINIZE_ENTRYPOINT_CHANGED",
      message: expect.stringContaining("it changed while alpinize was working"),
    });
    expect(readFileSync(file, "utf8")).toBe(`${SCRIPT}# saved meanwhile\n`);
  });

  it("rewrites a script nobody touched", async () => {
    const file = join(tmp.dir, "entry.sh");
    writeFileSync(file, SCRIPT);
    const r = await runCli(["entrypoint", "--write", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("alpinize_exec_as app");
  });

  it.skipIf(!canDrop)("refuses another user's writable script with its own code and hint", () => {
    chmodSync(tmp.dir, 0o777);
    const file = join(tmp.dir, "entry.sh");
    writeFileSync(file, SCRIPT);
    chmodSync(file, 0o666);
    const run = (...args: string[]) => runUnprivileged(args, { cwd: tmp.dir });
    const human = run("entrypoint", "--write", "entry.sh");
    expect(human.code).toBe(2);
    expect(human.stderr).toContain(
      "entry.sh: cannot write (owned by uid 0, not by you (uid 65534)",
    );
    expect(human.stderr).toContain(
      "Run alpinize as the file's owner (uid 0) or as root, or drop --write and apply the printed diff yourself.",
    );
    const json = run("entrypoint", "--json", "--write", "entry.sh");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: "ALPINIZE_WRITE_NOT_OWNER",
      owner: { uid: 0, gid: 0 },
    });
    expect([readFileSync(file, "utf8"), statSync(file).uid]).toEqual([SCRIPT, 0]);
  });
});
