import { chmodSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { readdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { canRunUnprivileged, runUnprivileged } from "../../test-support/nobody.js";
import { useTempDir } from "../../test-support/temp-dir.js";

describe("alpinize shims print --output that cannot be written", () => {
  const tmp = useTempDir("alpinize-shims-words-");

  const cases: [string, string, string][] = [
    [
      "missing/x.sh",
      "(missing: no such folder); nothing was written",
      "Make missing first (mkdir -p missing) or pick another --output path.",
    ],
    [
      "notes.txt/x.sh",
      "(notes.txt is a file, not a folder); nothing was written",
      "Check the path (nothing can be made inside notes.txt), or pick another --output path.",
    ],
    [".", "(it is a folder); nothing was written", "e.g. --output ./alpinize-shims.sh."],
    [
      "gone/x.sh",
      "(gone is a symbolic link to a folder that does not exist); nothing was written",
      "Make the folder it points to (ls -l gone shows it) or pick another --output path.",
    ],
    [
      "to-missing.sh",
      "(missing: no such folder, on the path to-missing.sh links to (missing/x.sh)); nothing was written",
      "Make missing first (mkdir -p missing) or pick another --output path.",
    ],
    [
      "to-file.sh",
      "(notes.txt is a file, not a folder, on the path to-file.sh links to (notes.txt/x.sh)); nothing was written",
      "Check the path (nothing can be made inside notes.txt), or pick another --output path.",
    ],
    [
      "new/",
      "(the path ends in /, so it names a folder, and there is no such folder); nothing was written",
      "A path that ends in / names a folder",
    ],
  ];

  it.each(cases)(
    "%s: names the command and the path, says why in words, exit 2",
    async (output, reason, hint) => {
      await writeFile(`${tmp.dir}/notes.txt`, "a file\n");
      await symlink("nowhere", `${tmp.dir}/gone`);
      await symlink("missing/x.sh", `${tmp.dir}/to-missing.sh`);
      await symlink("notes.txt/x.sh", `${tmp.dir}/to-file.sh`);
      const before = (await readdir(tmp.dir)).sort();
      const r = await runCli(["shims", "print", "--output", output], { cwd: tmp.dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`error alpinize shims print: cannot write ${output} ${reason}`);
      expect(r.stderr).toContain(hint);
      // Node's errno text, the syscall and the temp file's name stay out of it.
      expect(r.stderr).not.toMatch(/ENOENT|ENOTDIR|EISDIR|lstat|\.tmp/);
      expect((await readdir(tmp.dir)).sort()).toEqual(before);
    },
  );

  it.skipIf(!existsSync("/proc/version") || process.getuid?.() !== 0)(
    "/proc/version: a folder that takes no new file, not a missing one",
    async () => {
      const r = await runCli(["shims", "print", "-o", "/proc/version"], { cwd: tmp.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        "error alpinize shims print: cannot write /proc/version (no new file can be made in /proc, and it is written through a temp file beside it); nothing was written",
      );
      expect(r.stderr).not.toMatch(/ENOENT|does not exist|\.tmp/);
    },
  );

  it("--json: the same words, and the folder to make", async () => {
    const r = await runCli(["shims", "print", "--json", "-o", "missing/x.sh"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toEqual({
      code: "ALPINIZE_SHIMS_OUTPUT_UNWRITABLE",
      message:
        "alpinize shims print: cannot write missing/x.sh (missing: no such folder); nothing was written",
      hint: "Make missing first (mkdir -p missing) or pick another --output path.",
      file: "missing/x.sh",
      missing: "missing",
    });
  });
});

// Failures past the path (a full device, a folder this user may not write in) came out as
// Node's codes (ENOSPC, EACCES) while gate --output and migrate --report said them in words.
describe("alpinize shims print --output that fails past the path", () => {
  const tmp = useTempDir("alpinize-shims-errno-words-", { mode: 0o755 });

  it.skipIf(!existsSync("/dev/full"))("/dev/full: no space left, in words", async () => {
    const r = await runCli(["shims", "print", "-o", "/dev/full"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "error alpinize shims print: cannot write /dev/full (no space left on /dev/full)",
    );
    expect(r.stderr).not.toMatch(/ENOSPC|write '/);
  });

  it.skipIf(!canRunUnprivileged())(
    "a folder this user may not write in: permission denied, naming it",
    () => {
      const ro = join(tmp.dir, "ro");
      mkdirSync(ro, { mode: 0o555 });
      chmodSync(ro, 0o555);
      const r = runUnprivileged(["shims", "print", "--output", "ro/shims.sh"], { cwd: tmp.dir });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        "error alpinize shims print: cannot write ro/shims.sh (permission denied: this user may not make files in ro, where the output is written through a temp file); nothing was written",
      );
      expect(r.stderr).not.toMatch(/EACCES|\.alpinize-|open '/);
      expect(readdirSync(ro)).toEqual([]);
    },
  );
});

describe("alpinize shims without a subcommand", () => {
  it("is a usage error listing print and path, in the document with --json", async () => {
    for (const argv of [
      ["shims", "--json"],
      ["shims", "install", "--json"],
    ]) {
      const r = await runCli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      const { error, subcommand } = JSON.parse(r.stdout);
      expect(subcommand).toBeNull();
      expect(error).toMatchObject({ code: "ALPINIZE_USAGE", subcommands: ["print", "path"] });
      expect(error.message).toMatch(/^alpinize shims: (missing|unknown) subcommand.*print or path/);
      expect(error.hint).toContain("alpinize shims print (write the library");
      expect(error.hint).toContain("alpinize shims path (print where");
    }
    const plain = await runCli(["shims"]);
    expect(plain.code).toBe(2);
    expect(plain.stdout).toBe("");
    expect(plain.stderr).toContain("error alpinize shims: missing subcommand (print or path)");
    expect(plain.stderr).toContain("alpinize shims path (print where");
  });
});

describe("alpinize shims --help", () => {
  it("says a FIFO given to --output is written into, waiting for its reader", async () => {
    const r = await runCli(["shims", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, " ")).toContain(
      "a FIFO, pipe or device is written into, as > FILE would (a FIFO waits for its reader",
    );
  });
});
