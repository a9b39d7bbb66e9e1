import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

/** apt-get migrate cannot rewrite: it warns, and --check (would migrate edit it?) passes. */
const LEFT = "FROM debian:bookworm\nONBUILD RUN apt-get install -y curl\n";
/** A RUN sh cannot read on a stage already on Alpine: its apt-get stops the build there. */
const BROKEN = 'FROM alpine:3.23\nRUN echo "oops && apt-get install -y curl\n';

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-manual-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
removeGitReposAfterEach();

describe("what migrate leaves for manual work", () => {
  it("--check keeps its exit code and the summary counts the warnings left", async () => {
    writeFileSync(join(dir, "Dockerfile"), LEFT);
    const file = join(dir, "Dockerfile");
    await runCli(["migrate", "--write", file]);
    const r = await runCli(["migrate", "--check", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /Dockerfile: nothing to change \(checked against Alpine [\d.]+, the default; pass --alpine to choose\); 1 warning above left for manual work \(alpinize check lints what is left\)/,
    );
  });

  it("--check fails on an Alpine stage still running apt-get in a RUN migrate cannot convert", async () => {
    const file = join(dir, "Dockerfile");
    writeFileSync(file, BROKEN);
    const r = await runCli(["migrate", "--check", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "but an Alpine stage still runs a Debian tool migrate cannot convert (apt-get at line 2)",
    );
    const json = await runCli(["migrate", "--json", file]);
    expect(JSON.parse(json.stdout).files[0].debianToolsLeft).toEqual([
      { tool: "apt-get", line: 2, column: 19, offset: 35, outputLine: 2, outputColumn: 19 },
    ]);
  });

  it("--write says which Debian tools it left on Alpine, and --check then fails on them", async () => {
    const file = join(dir, "Dockerfile");
    writeFileSync(
      file,
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && apt-get source hello && dpkg-divert --add /x\n",
    );
    const w = await runCli(["migrate", "--write", file]);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain(
      "; an Alpine stage still runs a Debian tool migrate cannot convert (apt-get at line 2 and dpkg-divert at line 2): fix it by hand (--check fails until then)",
    );
    const r = await runCli(["migrate", "--check", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nothing migrate can change (checked against Alpine");
    expect(r.stderr).toContain(
      "but an Alpine stage still runs a Debian tool migrate cannot convert (apt-get at line 2 and dpkg-divert at line 2)",
    );
  });

  it("names a tool run twice on one line once", async () => {
    const file = join(dir, "Dockerfile");
    writeFileSync(
      file,
      "FROM debian:bookworm\nRUN dpkg --add-architecture arm64 && dpkg --add-architecture amd64\n",
    );
    const r = await runCli(["migrate", "--check", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("a Debian tool migrate cannot convert (dpkg at line 2):");
  });

  it("a Debian stage with such a RUN stays on Debian: written or not, --check passes", async () => {
    const file = join(dir, "Dockerfile");
    const text = 'FROM debian:bookworm\nRUN echo "oops && apt-get install -y curl\n';
    writeFileSync(file, text);
    const r = await runCli(["migrate", "--check", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("its stage stays on debian:bookworm (line 1)");
  });

  it("migrate DIR --check fails on it too, and its summary says why", async () => {
    const root = await gitRepo({ Dockerfile: BROKEN });
    const r = await runCli(["migrate", "--check", "."], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "0 need changes, 1 with an Alpine stage still running a Debian tool migrate cannot convert",
    );
  });

  it("the diff's summary says it too", async () => {
    writeFileSync(join(dir, "Dockerfile"), LEFT);
    const r = await runCli(["migrate", join(dir, "Dockerfile")]);
    expect(r.stderr).toMatch(/Dockerfile: 1 edit for Alpine [\d.]+; 1 warning above left/);
  });

  it("a file with no warning keeps the short summary", async () => {
    writeFileSync(join(dir, "Dockerfile"), "FROM debian:bookworm\n");
    const r = await runCli(["migrate", join(dir, "Dockerfile")]);
    expect(r.stderr).toMatch(/Dockerfile: 1 edit, 0 warnings for Alpine/);
  });

  it("migrate DIR's summary line counts them", async () => {
    const root = await gitRepo({ Dockerfile: LEFT });
    const r = await runCli(["migrate", "."], { cwd: root });
    expect(r.stderr).toMatch(/; 1 warning\(s\) above left for manual work/);
  });

  it("--help says what --check answers and names alpinize check", async () => {
    const r = await runCli(["migrate", "--help"]);
    const help = r.stdout + r.stderr;
    expect(help).toContain('"is migrate done');
    expect(help).toContain("alpinize check is the CI lint");
  });
});
