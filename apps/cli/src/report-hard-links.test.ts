import { linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";
import { useTempDir } from "./test-support/temp-dir.js";

const DEBIAN = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n";
const OLD = "old report\n";
const GATE_REPORT = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../packages/trivy-gate/test/fixtures/statuses.json",
);
const tmp = useTempDir("alpinize-report-links-");

/** A report file that already exists under `name`, with `extra` other hard links to it. */
function linkedReport(name: string, ...extra: string[]): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, OLD);
  for (const other of extra) linkSync(file, join(tmp.dir, other));
  return file;
}

function repo(): string {
  const dir = join(tmp.dir, "repo");
  mkdirSync(dir);
  writeFileSync(join(dir, "Dockerfile"), DEBIAN);
  return dir;
}

// A report is written as --write writes a file: a temp file renamed over the name given, so its
// other hard links keep the old text; they are named as --write names them.
describe("a report written over a file with other hard links", () => {
  it("migrate DIR --report warns with the count, and the other name keeps the old report", async () => {
    repo();
    linkedReport("MIGRATION.md", "copy.md");
    const r = await runCli(["migrate", "repo", "--report", "MIGRATION.md"], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(tmp.dir, "MIGRATION.md"), "utf8")).not.toBe(OLD);
    expect(readFileSync(join(tmp.dir, "copy.md"), "utf8")).toBe(OLD);
    expect(r.stderr).toContain(
      "warning MIGRATION.md: had 1 other hard link; --report replaced it with a new file (a new inode), so that name still holds the old text.",
    );
  });

  it("migrate DIR --report --json lists it under hardLinks, as --write's files are", async () => {
    repo();
    linkedReport("MIGRATION.md", "b.md", "c.md");
    const r = await runCli(["migrate", "repo", "--json", "--report", "MIGRATION.md"], {
      cwd: tmp.dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).hardLinks).toEqual([
      {
        file: "MIGRATION.md",
        otherLinks: 2,
        message: expect.stringContaining("had 2 other hard links; --report replaced it"),
      },
    ]);
  });

  it("gate --output warns with the count, naming the file behind a symlink for ln -f", async () => {
    const real = linkedReport("gate.sarif", "other.sarif");
    symlinkSync(real, join(tmp.dir, "link.sarif"));
    const r = await runCli(["gate", GATE_REPORT, "--format", "sarif", "--output", "link.sarif"], {
      cwd: tmp.dir,
    });
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(readFileSync(real, "utf8")).version).toBe("2.1.0");
    expect(readFileSync(join(tmp.dir, "other.sarif"), "utf8")).toBe(OLD);
    expect(r.stderr).toContain(
      "warning link.sarif: had 1 other hard link; --output replaced it with a new file",
    );
    expect(r.stderr).toContain(`ln -f ${real} OTHER`);
  });

  it("says nothing of a report with one name, nor of a new one", async () => {
    repo();
    linkedReport("MIGRATION.md");
    const r = await runCli(["migrate", "repo", "--report", "MIGRATION.md"], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    const g = await runCli(["gate", GATE_REPORT, "--output", "new.txt"], { cwd: tmp.dir });
    expect(g.code).toBe(1);
    expect(`${r.stderr}${g.stderr}`).not.toContain("hard link");
  });
});
