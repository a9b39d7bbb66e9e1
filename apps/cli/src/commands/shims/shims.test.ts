import { execFileSync } from "node:child_process";
import { lstat, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readShims, shimsPath } from "@alpinize/entrypoint";
import { fifoReader } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

describe("alpinize shims", () => {
  const tmp = useTempDir("alpinize-shims-cli-", { scope: "all" });

  it("prints the library, which a POSIX shell can source", async () => {
    const r = await runCli(["shims", "print"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readShims());
    const out = execFileSync("dash", ["-c", `${r.stdout}\nalpinize_group_name_for_gid 0`], {
      encoding: "utf8",
    });
    expect(out).toBe("root\n");
  });

  it('--output - is standard output, as without --output: no "wrote -" after the library', async () => {
    const r = await runCli(["shims", "print", "--output", "-"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readShims());
    expect(r.stderr).toBe("");
  });

  it("writes it to --output and says where the package keeps it", async () => {
    const target = join(tmp.dir, "alpinize-shims.sh");
    const r = await runCli(["shims", "print", "--output", target]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`wrote ${target}\n`);
    expect(await readFile(target, "utf8")).toBe(readShims());
    expect((await runCli(["shims", "path"])).stdout).toBe(`${shimsPath}\n`);
  });

  it("writes through a symlink to its target and into a FIFO instead of replacing them", async () => {
    const target = join(tmp.dir, "real-shims.sh");
    await writeFile(target, "old\n");
    const link = join(tmp.dir, "link-shims.sh");
    await symlink(target, link);
    expect((await runCli(["shims", "print", "--output", link])).code).toBe(0);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, "utf8")).toBe(readShims());

    const fifo = join(tmp.dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    const reader = fifoReader(fifo);
    expect((await runCli(["shims", "print", "--output", fifo])).code).toBe(0);
    expect(await reader.text()).toBe(readShims());
    expect((await stat(fifo)).isFIFO()).toBe(true);
  });

  it("names the subcommand given in its usage errors, wherever its options stand", async () => {
    const cases: [string[], string][] = [
      [["shims", "print", "-o"], "alpinize shims print: -o needs a value"],
      [["shims", "print", "--output"], "alpinize shims print: --output needs a value"],
      [["shims", "-o", "a.sh", "print", "--bogus"], "alpinize shims print: unknown option --bogus"],
      [["shims", "print", "-o", "a.sh", "-o", "b.sh"], "alpinize shims print: --output is given"],
      [["shims", "print", "extra"], 'alpinize shims print: unexpected argument "extra"'],
      [["shims", "path", "--bogus"], "alpinize shims path: unknown option --bogus"],
      [["shims", "--bogus"], "alpinize shims: unknown option --bogus"],
      [["shims", "-o", "print"], "alpinize shims: missing subcommand (print or path)"],
    ];
    for (const [argv, start] of cases) {
      const r = await runCli(argv, { cwd: tmp.dir });
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr.startsWith(`error ${start}`), r.stderr).toBe(true);
    }
  });

  it("exits 2 on unknown subcommands and unwritable outputs", async () => {
    expect((await runCli(["shims"])).code).toBe(2);
    expect((await runCli(["shims", "install"])).code).toBe(2);
    const bad = await runCli(["shims", "print", "--output", join(tmp.dir, "missing-dir", "x.sh")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("cannot write");
    expect((await runCli(["shims", "print", "--output", tmp.dir])).code).toBe(2);
  });
});
