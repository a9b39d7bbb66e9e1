import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { canRunUnprivileged, runUnprivileged } from "../../test-support/nobody.js";
import { useTempDir } from "../../test-support/temp-dir.js";
import { alpineImageReport } from "../../test-support/trivy-report.js";

// gate --output printed Node's codes where migrate --report and shims print --output say what
// is wrong with which path: "(ENOENT)" for /proc/version, "(ENOTDIR)" for a path through a file.

const tmp = useTempDir("alpinize-gate-output-words-", { mode: 0o755 });

function setup(): void {
  writeFileSync(join(tmp.dir, "report.json"), alpineImageReport([]));
  writeFileSync(join(tmp.dir, "afile"), "a file, not a folder\n");
}

const gate = (...args: string[]) => runCli(["gate", "report.json", ...args], { cwd: tmp.dir });

describe("gate --output that cannot be written says why in words (exit 2)", () => {
  it.each([
    [
      "afile/x",
      "(afile is a file, not a folder); nothing was written",
      "Check the path (nothing can be made inside afile), or pick another --output path.",
    ],
    [
      "nope/x.sarif",
      "(nope: no such folder); nothing was written",
      "Make nope first (mkdir -p nope) or pick another --output path.",
    ],
    ["sub", "(it is a folder); nothing was written", "e.g. --output sub/gate.sarif."],
  ])("--output %s", async (output, reason, hint) => {
    setup();
    mkdirSync(join(tmp.dir, "sub"), { recursive: true });
    const r = await gate("--output", output);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`error ${output}: cannot write the output ${reason}`);
    expect(r.stderr).toContain(hint);
    expect(r.stderr).not.toMatch(/ENOTDIR|EISDIR|ENOENT|A directory on that path/);
  });

  it.skipIf(!existsSync("/proc/version"))("--output /proc/version: no new file there", async () => {
    setup();
    const r = await gate("--output", "/proc/version");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "/proc/version: cannot write the output (no new file can be made in /proc, and it is written through a temp file beside it); nothing was written",
    );
    expect(r.stderr).toContain("Pick another --output path, on an ordinary file system.");
    expect(r.stderr).not.toMatch(/ENOENT|A directory on that path does not exist/);
  });

  it.skipIf(!canRunUnprivileged())(
    "a folder this user may not write in: permission denied, naming it",
    () => {
      setup();
      const ro = join(tmp.dir, "ro");
      mkdirSync(ro, { mode: 0o555 });
      chmodSync(ro, 0o555);
      chmodSync(join(tmp.dir, "report.json"), 0o644);
      const r = runUnprivileged(["gate", "report.json", "--output", "ro/gate.txt"], {
        cwd: tmp.dir,
      });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        "ro/gate.txt: cannot write the output (permission denied: this user may not make files in ro, where the output is written through a temp file); nothing was written",
      );
      expect(r.stderr).not.toMatch(/EACCES|\.alpinize-|open '/);
      expect(readdirSync(ro)).toEqual([]);
    },
  );
});
