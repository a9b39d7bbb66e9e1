import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bounded, finished } from "@alpinize/testkit";
import { beforeEach } from "vitest";
import { BIN } from "../test-support/nobody.js";
import { useTempDir } from "../test-support/temp-dir.js";
import { alpineImageReport } from "../test-support/trivy-report.js";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * `node` with the hook that lets it load the split sources by type stripping, and the import of
 * write-output.ts for a `--input-type=module -e` script: a child runs the real code, unbuilt.
 */
export const NODE_WITH_SOURCES = [
  process.execPath,
  "--import",
  pathToFileURL(join(here, "strip-types-hooks.ts")).href,
];
const SOURCE = join(here, "..", "write-output.ts");
export const IMPORT_SOURCES = `const { writeOutput } = await import(${JSON.stringify(
  pathToFileURL(SOURCE).href,
)});`;

/**
 * Whether node runs as `uid` and may read the sources: the precondition of running them as that
 * user, checked without importing them, so a source that fails to load fails the test instead.
 */
export function nodeReadsSourcesAs(uid: number): boolean {
  const read = `require("node:fs").readFileSync(${JSON.stringify(SOURCE)})`;
  const r = spawnSync(process.execPath, ["-e", read], {
    cwd: tmpdir(),
    uid,
    gid: uid,
    ...bounded(),
  });
  return finished(r, "node reading the sources").status === 0;
}

// A one-finding Trivy report (CRITICAL, fixed): the gate fails on it and prints a verdict.
const REPORT = alpineImageReport(
  [
    {
      VulnerabilityID: "CVE-2026-0001",
      PkgName: "zlib",
      InstalledVersion: "1.0-r0",
      FixedVersion: "1.1-r0",
      Status: "fixed",
      Severity: "CRITICAL",
    },
  ],
  "demo:1",
);

/** A fresh 0755 temp dir holding report.json, for each test. */
export function useWriteDir(): { dir: string } {
  const tmp = useTempDir("alpinize-write-", { mode: 0o755 });
  beforeEach(() => writeFileSync(join(tmp.dir, "report.json"), REPORT));
  return tmp;
}

/** Temp files a write left behind in `dir`. */
export const leftovers = (dir: string) =>
  readdirSync(dir).filter((n) => n.startsWith(".alpinize-"));

/** Runs a shell line with the built CLI as $A, in `dir`; stdout is a pipe to us. */
export function sh(dir: string, line: string, extra: { uid?: number } = {}) {
  const r = spawnSync("sh", ["-c", line], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", A: `${process.execPath} ${BIN}` },
    ...bounded(),
    ...(extra.uid !== undefined ? { uid: extra.uid, gid: extra.uid } : {}),
  });
  return finished(r, `sh -c '${line}'`);
}

/** Whether the built CLI runs as nobody (uid 65534): root ignores file modes, nobody does not. */
export function cliRunsAsNobody(): boolean {
  return (
    finished(
      spawnSync(process.execPath, [BIN, "--version"], {
        cwd: tmpdir(),
        uid: 65534,
        gid: 65534,
        ...bounded(),
      }),
      "alpinize --version as nobody",
    ).status === 0
  );
}
