import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { canRunUnprivileged, isRoot, runUnprivileged } from "../../test-support/nobody.js";
import { useTempDir } from "../../test-support/temp-dir.js";

// A tester's `pin` said "cannot read X: EACCES" with the hint "Check the path", and on a binary
// file "Fix the line so `docker build` accepts it": pin words both as migrate and check do.

const tmp = useTempDir("alpinize-pin-read-", { mode: 0o755 });

describe("pin on a file it cannot read", () => {
  it("ENOTDIR: the shared wording, and the hint for that code", async () => {
    writeFileSync(join(tmp.dir, "Dockerfile"), "FROM alpine:3.23\n");
    const r = await runCli(["pin", "--kind", "dockerfile", "Dockerfile/x"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error Dockerfile/x: cannot read (ENOTDIR)\n" +
        "  A part of that path is a file, not a folder: check the path; nothing was changed.\n",
    );
  });

  it.skipIf(!canRunUnprivileged())(
    "EACCES: says the file must be readable, as migrate does",
    () => {
      writeFileSync(join(tmp.dir, "Dockerfile"), "FROM alpine:3.23\n");
      chmodSync(join(tmp.dir, "Dockerfile"), 0o000);
      const uid = isRoot ? "as nobody" : "as ourselves";
      const pin = runUnprivileged(["pin", "Dockerfile"], { cwd: tmp.dir });
      const migrate = runUnprivileged(["migrate", "Dockerfile"], { cwd: tmp.dir });
      const hint =
        "  Permission denied: make the file readable for this user and its folders searchable (ls -ld shows who may), or run alpinize as a user who may read it; nothing was changed.\n";
      expect([pin.code, pin.stderr], uid).toEqual([
        2,
        `error Dockerfile: cannot read (EACCES)\n${hint}`,
      ]);
      expect([migrate.code, migrate.stderr], uid).toEqual([
        2,
        `error Dockerfile: cannot read (EACCES)\n${hint}`,
      ]);
    },
  );
});

describe("pin on a binary file", () => {
  it("says it is not a text file, not to fix a line for docker build", async () => {
    // The start of an ELF program: its header holds NUL bytes.
    writeFileSync(join(tmp.dir, "Dockerfile"), readFileSync(process.execPath).subarray(0, 8192));
    for (const args of [["Dockerfile"], ["--kind", "dockerfile", "Dockerfile"]]) {
      const r = await runCli(["pin", "--json", ...args], { cwd: tmp.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^error Dockerfile: not a text file \(a NUL byte at offset \d+\), so not a Dockerfile\n {2}Check that this is the file you meant: pin takes Dockerfiles, compose files and workflows/,
      );
      expect(r.stderr).not.toContain("docker build");
      expect(JSON.parse(r.stdout).errors[0].code).toBe("ALPINIZE_PIN_NOT_TEXT");
    }
  });

  it("still reads a Dockerfile whose comment is not UTF-8", async () => {
    const latin1 = Buffer.concat([
      Buffer.from("# caf"),
      Buffer.from([0xe9]),
      Buffer.from("\nFROM scratch\n"),
    ]);
    writeFileSync(join(tmp.dir, "Dockerfile"), latin1);
    const r = await runCli(["pin", "--check", "Dockerfile"], { cwd: tmp.dir });
    expect(r.stderr).not.toContain("not a text file");
    expect(r.code).toBe(0);
  });
});
