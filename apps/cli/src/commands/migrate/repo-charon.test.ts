import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { corpusPath, corpusSkipReason } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run as runCheck } from "../check/index.js";
import { runRepositoryMigration } from "./dir.js";
import { captureIo, gitRepo } from "./repo-test-support.js";

const corpus = corpusPath("charon");
const skipped = corpusSkipReason(join(corpus, "debian-trixie.Dockerfile"));
const haveCorpus = skipped === undefined;
if (skipped) console.warn(`skipping the Charon repository test: ${skipped}`);

describe.skipIf(!haveCorpus)("alpinize migrate DIR on the Charon repository", () => {
  let root = "";
  beforeAll(async () => {
    root = await gitRepo({
      Dockerfile: await readFile(join(corpus, "debian-trixie.Dockerfile"), "utf8"),
      ".docker/docker-entrypoint.sh": await readFile(
        join(corpus, "debian-trixie.entrypoint.sh"),
        "utf8",
      ),
    });
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("converts the Dockerfile and the entrypoint and writes a report naming the risks", async () => {
    const { io, stderr } = captureIo(root);
    const code = await runRepositoryMigration(".", { write: true, report: "MIGRATION.md" }, io);
    expect(stderr.text).toMatch(/wrote Dockerfile/);
    expect(stderr.text).toMatch(/wrote \.docker\/docker-entrypoint\.sh/);
    expect(code).toBe(0);
    const dockerfile = await readFile(join(root, "Dockerfile"), "utf8");
    const instructions = dockerfile.split("\n").filter((l) => !l.trim().startsWith("#"));
    expect(instructions.join("\n")).not.toMatch(/\bapt-get\b|\bxx-apt\b|\bgroupadd\b|\buseradd\b/);
    expect(dockerfile).toMatch(/GODEBUG=netdns=go/);
    const entrypoint = await readFile(join(root, ".docker/docker-entrypoint.sh"), "utf8");
    expect(entrypoint).toMatch(/alpinize_ensure_group|alpinize_add_user_to_group/);
    const report = await readFile(join(root, "MIGRATION.md"), "utf8");
    expect(report).toMatch(/## Risks/);
    expect(report).toMatch(/musl DNS/);
    expect(report).toMatch(/GODEBUG=netdns=go/);
    expect(report).toMatch(/CGO and SQLite/);
    expect(report).toMatch(/sqlite-libs/);
    expect(report).toMatch(/socket GID/);
    expect(report).toMatch(/`golang:1\.25-trixie` \| `golang:1\.25-alpine`/);
    expect(report).toMatch(/`libsqlite3-dev` \| `sqlite-dev`/);
    expect(report).toMatch(/## Acceptance checklist/);
    expect(report).toMatch(/alpinize gate/);
  });

  it("then passes alpinize check, and fails with a clear line when apt-get comes back", async () => {
    const clean = captureIo(root);
    const code = await runCheck(["."], clean.io);
    expect(clean.stdout.text).toBe("");
    expect(clean.stderr.text).toMatch(
      /alpinize check: 2 file\(s\) checked: 0 error\(s\), \d+ warning\(s\)/,
    );
    expect(code).toBe(0);
    const strict = captureIo(root);
    expect(await runCheck([".", "--require-digests"], strict.io)).toBe(1);
    expect(strict.stdout.text).toMatch(
      /^Dockerfile:\d+: base-image-unpinned: golang:1\.25-alpine is not pinned by digest/m,
    );
    const path = join(root, "Dockerfile");
    const text = await readFile(path, "utf8");
    const lines = text.split("\n");
    const at = lines.findLastIndex((l) => l.startsWith("FROM ")) + 1;
    lines.splice(at, 0, "RUN apt-get update && apt-get install -y curl");
    await writeFile(path, lines.join("\n"));
    const dirty = captureIo(root);
    expect(await runCheck(["."], dirty.io)).toBe(1);
    expect(dirty.stdout.text).toContain(
      `Dockerfile:${at + 1}: apt-in-alpine: apt-get in Alpine stage`,
    );
  });
});
