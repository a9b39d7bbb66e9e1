import { spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readShims, shimsPath } from "@alpinize/entrypoint";
import { bounded, finished } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { BIN } from "../../test-support/nobody.js";
import { useTempDir } from "../../test-support/temp-dir.js";

/** The document of `shims print` with nothing written, with `fields` changed. */
const doc = (fields: Record<string, unknown>) => ({
  subcommand: "print",
  path: shimsPath,
  output: null,
  written: false,
  shims: null,
  ...fields,
});

describe("alpinize shims --json", () => {
  const tmp = useTempDir("alpinize-shims-json-", { scope: "all" });

  it("print puts the library in the document, and says nothing on stderr", async () => {
    const r = await runCli(["shims", "print", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(doc({ shims: readShims() }));
    expect(r.stderr).toBe("");
  });

  it("print --output FILE writes FILE and reports it written; path reports where it is", async () => {
    const r = await runCli(["shims", "--json", "print", "--output", "s.sh"], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(doc({ output: "s.sh", written: true }));
    expect(await readFile(join(tmp.dir, "s.sh"), "utf8")).toBe(readShims());
    const path = await runCli(["shims", "path", "--json"]);
    expect(path.code).toBe(0);
    expect(JSON.parse(path.stdout)).toEqual(doc({ subcommand: "path" }));
  });

  it("an unknown subcommand or flag still prints one document, with the usage error", async () => {
    for (const [argv, prefix] of [
      [["shims", "install", "--json"], "alpinize shims: "],
      [["shims", "--json"], "alpinize shims: "],
      [["shims", "print", "--json", "--bogus"], "alpinize shims print: "],
    ] as const) {
      const r = await runCli([...argv]);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual(
        doc({
          subcommand: null,
          error: expect.objectContaining({ code: "ALPINIZE_USAGE", hint: expect.any(String) }),
        }),
      );
      expect(r.stderr.startsWith(`error ${prefix}`), r.stderr).toBe(true);
    }
    const path = await runCli(["shims", "path", "--json", "--output", "x.sh"], { cwd: tmp.dir });
    expect(path.code).toBe(2);
    expect(JSON.parse(path.stdout)).toMatchObject({
      subcommand: "path",
      output: "x.sh",
      error: { code: "ALPINIZE_USAGE", message: "alpinize shims path: --output belongs to print" },
    });
  });

  it("an unwritable FILE (missing folder, a directory) names it, with written false", async () => {
    const missing = join(tmp.dir, "missing-dir", "x.sh");
    const r = await runCli(["shims", "print", "--json", "--output", missing]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual(
      doc({
        output: missing,
        error: {
          code: "ALPINIZE_SHIMS_OUTPUT_UNWRITABLE",
          message: `alpinize shims print: cannot write ${missing} (${dirname(missing)}: no such folder); nothing was written`,
          hint: `Make ${dirname(missing)} first (mkdir -p ${dirname(missing)}) or pick another --output path.`,
          file: missing,
          missing: dirname(missing),
        },
      }),
    );
    expect(r.stderr).toContain(`error alpinize shims print: cannot write ${missing}`);
    const d = await runCli(["shims", "print", "--json", "--output", tmp.dir]);
    expect(d.code).toBe(2);
    expect(JSON.parse(d.stdout)).toMatchObject({
      output: tmp.dir,
      written: false,
      error: { code: "ALPINIZE_SHIMS_OUTPUT_DIRECTORY", file: tmp.dir },
    });
    expect((await readdir(tmp.dir)).filter((n) => n.startsWith(".alpinize-"))).toEqual([]);
  });

  it("refuses --output to standard output, which would put the library around the document", async () => {
    const r = await runCli(["shims", "print", "--json", "--output", "-"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      subcommand: "print",
      output: "-",
      written: false,
      error: { code: "ALPINIZE_USAGE" },
    });
    // The built CLI, with fd 3 a copy of its stdout pipe: still exactly one document.
    const child = spawnSync("sh", ["-c", `"$N" "$B" shims print --json --output /dev/fd/3 3>&1`], {
      cwd: tmp.dir,
      encoding: "utf8",
      env: { ...process.env, N: process.execPath, B: BIN, NO_COLOR: "1" },
      ...bounded(),
    });
    expect(finished(child, "alpinize shims print --output /dev/fd/3").status, child.stderr).toBe(2);
    expect(JSON.parse(child.stdout)).toMatchObject({
      output: "/dev/fd/3",
      error: { code: "ALPINIZE_USAGE", message: expect.stringContaining("standard output") },
    });
  });

  it("an empty --output (an unset variable) is a usage error naming the flag, exit 2", async () => {
    for (const output of ["", " "]) {
      const r = await runCli(["shims", "print", "--output", output, "--json"], { cwd: tmp.dir });
      expect(r.code, JSON.stringify(output)).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({
        subcommand: "print",
        written: false,
        error: {
          code: "ALPINIZE_USAGE",
          message: "alpinize shims print: --output was given an empty value (an unset variable?)",
          hint: expect.stringContaining("leave --output out"),
        },
      });
      const plain = await runCli(["shims", "print", `--output=${output}`], { cwd: tmp.dir });
      expect(plain.code).toBe(2);
      expect(plain.stdout).toBe("");
      expect(plain.stderr).toContain("--output was given an empty value");
    }
  });
});
