import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

/** Debian names with no Alpine package: migrate keeps them as written, and apk cannot install them. */
const DEBIAN =
  "FROM debian:bookworm\nRUN apt-get update && apt-get install -y msodbcsql18 libgconf-2-4 google-chrome-stable libfoo-nonexistent\n";
const NAMES = ["msodbcsql18", "libgconf-2-4", "google-chrome-stable", "libfoo-nonexistent"];

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-unknown-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
removeGitReposAfterEach();

describe("an apk add of a name the release does not have fails both gates", () => {
  it("migrate --check fails on the output, names the names, and --json lists them", async () => {
    const file = join(dir, "Dockerfile");
    writeFileSync(file, DEBIAN);
    const w = await runCli(["migrate", "--write", "--alpine", "3.24", file]);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain(
      "; an Alpine stage installs a name its release does not have (msodbcsql18, libgconf-2-4, google-chrome-stable and 1 more at line 2), so apk add fails there",
    );
    const r = await runCli(["migrate", "--check", "--alpine", "3.24", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nothing migrate can change for Alpine 3.24, but an Alpine stage");
    expect(r.stderr).toMatch(
      /msodbcsql18, libgconf-2-4, google-chrome-stable, libfoo-nonexistent are not in Alpine 3\.24/,
    );
    const json = await runCli(["migrate", "--check", "--json", "--alpine", "3.24", file]);
    expect(json.code).toBe(1);
    const left = JSON.parse(json.stdout).files[0].unknownPackages;
    expect(left.map((p: { name: string }) => p.name)).toEqual(NAMES);
    expect(left[0]).toMatchObject({ release: "3.24", line: 2, outputLine: 2 });
    const check = await runCli(["check", file]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(
      /Dockerfile:2: apk-unknown-package: msodbcsql18, .* so the build fails here/,
    );
  });

  it("a name the index misses on purpose passes both, as does a config that skips the rule", async () => {
    const file = join(dir, "Dockerfile");
    writeFileSync(
      file,
      "FROM alpine:3.22\nRUN apk add --no-cache clang-dev llvm-dev musl-utils aspnetcore8-runtime\n",
    );
    const r = await runCli(["migrate", "--check", "--alpine", "3.22", file]);
    expect(r.code).toBe(0);
    const check = await runCli(["check", file]);
    expect(`${check.stdout}${check.stderr}`).not.toContain("apk-unknown-package");
    expect(check.code).toBe(0);
    writeFileSync(file, "FROM alpine:3.22\nRUN apk add --no-cache libfoo-nonexistent\n");
    expect((await runCli(["check", file])).code).toBe(1);
    writeFileSync(
      join(dir, "alpinize.config.json"),
      JSON.stringify({ check: { skip: ["apk-unknown-package"] } }),
    );
    const skipped = await runCli(["check", "Dockerfile"], { cwd: dir });
    expect(`${skipped.stdout}${skipped.stderr}`).not.toContain("apk-unknown-package");
    expect(skipped.code).toBe(0);
  });

  it("migrate DIR --check fails on it too", async () => {
    const root = await gitRepo({ Dockerfile: DEBIAN });
    const write = await runCli(["migrate", ".", "--write", "--alpine", "3.24"], { cwd: root });
    expect(write.code).toBe(0);
    expect(readFileSync(join(root, "Dockerfile"), "utf8")).toContain("apk add");
    const check = await runCli(["migrate", ".", "--check", "--alpine", "3.24"], { cwd: root });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("1 with an apk add of a name its Alpine release does not have");
  });

  it("a guarded call or one an apk add after || falls back from passes both gates, FILE and DIR", async () => {
    const text =
      'FROM alpine:3.24\nRUN apk add --no-cache libfoo1 || echo "libfoo1 not available"\nRUN apk add --no-cache libssl1.1 || apk add --no-cache libssl3\n';
    const file = join(dir, "Dockerfile");
    writeFileSync(file, text);
    const r = await runCli(["migrate", "--check", "--json", "--alpine", "3.24", file]);
    expect(r.code).toBe(0);
    const left = JSON.parse(r.stdout).files[0].unknownPackages;
    expect(left).toMatchObject([
      { name: "libfoo1", guarded: true, line: 2 },
      { name: "libssl1.1", fallback: true, line: 3 },
    ]);
    const check = await runCli(["check", file]);
    expect(`${check.stdout}${check.stderr}`).toMatch(
      /warning .*:3: apk-unknown-package: libssl1\.1 .*fallback apk add/,
    );
    expect(check.code).toBe(0);
    const root = await gitRepo({ Dockerfile: text });
    const dirCheck = await runCli(["migrate", ".", "--check", "--alpine", "3.24"], { cwd: root });
    expect(dirCheck.code).toBe(0);
    expect(dirCheck.stderr).not.toContain("with an apk add of a name");
    // The fallback's own names are judged on their own.
    writeFileSync(
      file,
      "FROM alpine:3.24\nRUN apk add --no-cache libssl1.1 || apk add --no-cache libfoo1\n",
    );
    const bad = await runCli(["migrate", "--check", "--alpine", "3.24", file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("(libfoo1 at line 2)");
  });
});
