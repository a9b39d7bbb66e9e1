import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRepositoryMigration } from "./dir.js";
import { captureIo, gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

const SERVICE =
  "FROM golang:1.25-bookworm AS build\nRUN go build -o /app .\nFROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y ca-certificates\nCOPY --from=build /app /app\n";
let root = "";
removeGitReposAfterEach();

describe("runRepositoryMigration", () => {
  it("prints diffs by default and changes nothing", async () => {
    root = await gitRepo({ "svc/Dockerfile": SERVICE });
    const { io, stdout, stderr } = captureIo(root);
    expect(await runRepositoryMigration(".", { alpine: "3.23" }, io)).toBe(0);
    expect(stdout.text).toContain("--- a/svc/Dockerfile\n+++ b/svc/Dockerfile\n");
    expect(stdout.text).toContain("+FROM alpine:3.23\n");
    expect(stderr.text).toMatch(
      /alpinize migrate: 1 file\(s\) examined, 1 need changes; Alpine 3\.23/,
    );
    expect(await readFile(join(root, "svc/Dockerfile"), "utf8")).toBe(SERVICE);
  });

  it("prints warnings with line and column, as the single-file mode does", async () => {
    root = await gitRepo({ "svc/Dockerfile": 'FROM debian:12\nRUN bash -c "echo hi"\n' });
    const { io, stderr } = captureIo(root);
    await runRepositoryMigration(".", { alpine: "3.23" }, io);
    expect(stderr.text).toMatch(/svc\/Dockerfile:2:1 \[shell\] a RUN line calls bash/);
  });

  it("--check exits 1 while changes are needed and 0 after --write", async () => {
    root = await gitRepo({ "svc/Dockerfile": SERVICE });
    const first = captureIo(root);
    expect(await runRepositoryMigration(".", { check: true, alpine: "3.23" }, first.io)).toBe(1);
    expect(first.stdout.text).toBe("svc/Dockerfile: would change\n");
    expect(
      await runRepositoryMigration(".", { write: true, alpine: "3.23" }, captureIo(root).io),
    ).toBe(0);
    const again = captureIo(root);
    expect(await runRepositoryMigration(".", { check: true, alpine: "3.23" }, again.io)).toBe(0);
    expect(again.stdout.text).toBe("");
  });

  it("writes the other files but exits 2 and leaves an unparsable one untouched", async () => {
    const broken = "# escape=x\nFROM debian:bookworm\nRUN apt-get install -y curl\n";
    root = await gitRepo({ "svc/Dockerfile": SERVICE, "old/Dockerfile": broken });
    const { io, stderr } = captureIo(root);
    expect(
      await runRepositoryMigration(
        ".",
        { write: true, report: "MIGRATION.md", alpine: "3.23" },
        io,
      ),
    ).toBe(2);
    expect(stderr.text).toMatch(/error old\/Dockerfile:1: .*escape.*\(left untouched\)/);
    expect(stderr.text).toContain("wrote svc/Dockerfile");
    expect(await readFile(join(root, "old/Dockerfile"), "utf8")).toBe(broken);
    expect(await readFile(join(root, "svc/Dockerfile"), "utf8")).toContain("FROM alpine:3.23");
    const report = await readFile(join(root, "MIGRATION.md"), "utf8");
    expect(report).toMatch(
      /## Files left untouched\n\nalpinize could not read, parse or write these, or refused them at a limit, and did not change them:\n\n- `old\/Dockerfile`: /,
    );
  });

  it("prints one JSON document with --json", async () => {
    root = await gitRepo({
      "svc/Dockerfile": SERVICE,
      "compose.yaml": "services:\n  tools:\n    image: debian:bookworm-slim\n",
    });
    const { io, stdout } = captureIo(root);
    expect(await runRepositoryMigration(".", { json: true, alpine: "3.23" }, io)).toBe(0);
    const doc = JSON.parse(stdout.text);
    expect(doc.release).toBe("3.23");
    expect(doc.files).toMatchObject([
      { file: "svc/Dockerfile", kind: "dockerfile", changed: true, written: false },
    ]);
    expect(doc.files[0].images).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ before: "debian:bookworm-slim", after: "alpine:3.23" }),
      ]),
    );
    expect(doc.mentions).toEqual([
      {
        file: "compose.yaml",
        path: "compose.yaml",
        line: 3,
        kind: "compose",
        image: "debian:bookworm-slim",
        replacement: "alpine:3.23",
      },
    ]);
    expect(doc.risks.map((r: { id: string }) => r.id)).toContain("musl-dns");
  });

  it("fails with exit 2 on an unwritable --report path, before writing anything", async () => {
    root = await gitRepo({ Dockerfile: SERVICE });
    const run = runRepositoryMigration(
      ".",
      { write: true, report: "no/such/dir/M.md", alpine: "3.23" },
      captureIo(root).io,
    );
    await expect(run).rejects.toMatchObject({ code: "ALPINIZE_REPORT_UNWRITABLE", exitCode: 2 });
    expect(await readFile(join(root, "Dockerfile"), "utf8")).toBe(SERVICE);
  });

  it("rejects an unknown release with exit code 2 before reading any file", async () => {
    root = await gitRepo({ Dockerfile: SERVICE });
    await expect(
      runRepositoryMigration(".", { alpine: "9.9" }, captureIo(root).io),
    ).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe("alpinize migrate dispatch", () => {
  it("runs the repository migration for a directory and refuses directory flags with files", async () => {
    const { runCli } = await import("../../test-helpers.js");
    root = await gitRepo({ "svc/Dockerfile": SERVICE });
    const check = await runCli(["migrate", ".", "--check", "--alpine", "3.23"], { cwd: root });
    expect(check.stdout).toBe("svc/Dockerfile: would change\n");
    expect(check.code).toBe(1);
    const misuse = await runCli(["migrate", "svc/Dockerfile", "--report", "M.md"], { cwd: root });
    expect(misuse.stderr).toContain("--report, --pin and --config work on a directory");
    expect(misuse.code).toBe(2);
  });
});
