import { linkSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../test-helpers.js";
import { useTempDir } from "../test-support/temp-dir.js";

const DEBIAN = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n";
const SCRIPT = '#!/bin/sh\ngroupadd -g 1234 app\nexec "$@"\n';
const tmp = useTempDir("alpinize-hard-links-");

// A rewrite is a temp file renamed over the name given: the other hard links keep the old inode.
describe("--write of a file with other hard links", () => {
  it("migrate FILE --write warns with the count; the other names keep the old text", async () => {
    const file = join(tmp.dir, "Dockerfile");
    writeFileSync(file, DEBIAN);
    linkSync(file, join(tmp.dir, "b"));
    linkSync(file, join(tmp.dir, "c"));
    const r = await runCli(["migrate", "--alpine", "3.23", "--write", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("FROM alpine:3.23");
    expect(readFileSync(join(tmp.dir, "b"), "utf8")).toBe(DEBIAN);
    expect(r.stderr).toContain(`warning ${file}: had 2 other hard links; --write replaced it`);
    expect(r.stderr).toContain("those names still hold the old text");
  });

  it("entrypoint --write warns with the count of one", async () => {
    const file = join(tmp.dir, "entrypoint.sh");
    writeFileSync(file, SCRIPT);
    linkSync(file, join(tmp.dir, "copy.sh"));
    const r = await runCli(["entrypoint", "--write", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(tmp.dir, "copy.sh"), "utf8")).toBe(SCRIPT);
    expect(r.stderr).toContain(`${file}: had 1 other hard link;`);
    expect(r.stderr).toContain("that name still holds the old text");
  });

  it("migrate FILE --write of two names of one file does not count the one it rewrote too", async () => {
    const a = join(tmp.dir, "a");
    const b = join(tmp.dir, "b");
    writeFileSync(a, DEBIAN);
    linkSync(a, b);
    let r = await runCli(["migrate", "--alpine", "3.23", "--write", a, b]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(b, "utf8")).toContain("FROM alpine:3.23");
    expect(r.stderr).not.toContain("hard link");
    // With a third name left out, each name written says one name keeps the old text, as pin does.
    writeFileSync(a, DEBIAN);
    linkSync(a, join(tmp.dir, "b2"));
    linkSync(a, join(tmp.dir, "c"));
    r = await runCli(["migrate", "--alpine", "3.23", "--write", a, join(tmp.dir, "b2")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning ${a}: had 1 other hard link;`);
    expect(r.stderr).not.toContain("had 2 other");
  });

  it("says nothing of a file with one name, nor of a symlink (written through)", async () => {
    const file = join(tmp.dir, "Dockerfile");
    writeFileSync(file, DEBIAN);
    const link = join(tmp.dir, "link");
    symlinkSync(file, link);
    const r = await runCli(["migrate", "--alpine", "3.23", "--write", link]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("FROM alpine:3.23");
    expect(statSync(file).nlink).toBe(1);
    expect(r.stderr).not.toContain("hard link");
  });
});

// migrate DIR --write replaces files the same way (writeFileAtomic), scripts included.
describe("migrate DIR --write of files with other hard links", () => {
  const IMAGE = `${DEBIAN}COPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n`;

  function repo(): string {
    const root = join(tmp.dir, "repo");
    mkdirSync(root);
    writeFileSync(join(root, "Dockerfile"), IMAGE);
    writeFileSync(join(root, "entrypoint.sh"), SCRIPT);
    return root;
  }

  it("warns for each file with the count, the script too, and under --json", async () => {
    const root = repo();
    // Outside the folder migrated: only the names in it are rewritten.
    linkSync(join(root, "Dockerfile"), join(tmp.dir, "Dockerfile.old"));
    linkSync(join(root, "Dockerfile"), join(tmp.dir, "Dockerfile.bak"));
    linkSync(join(root, "entrypoint.sh"), join(tmp.dir, "entrypoint.old"));
    const r = await runCli(["migrate", "--alpine", "3.23", "--write", "repo"], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, "Dockerfile"), "utf8")).toContain("FROM alpine:3.23");
    expect(readFileSync(join(tmp.dir, "Dockerfile.old"), "utf8")).toBe(IMAGE);
    expect(readFileSync(join(tmp.dir, "entrypoint.old"), "utf8")).toBe(SCRIPT);
    expect(r.stderr).toContain(
      "warning repo/Dockerfile: had 2 other hard links; --write replaced it with a new file (a new inode), so those names still hold the old text",
    );
    expect(r.stderr).toContain(
      "warning repo/entrypoint.sh: had 1 other hard link; --write replaced it with a new file",
    );

    writeFileSync(join(root, "Dockerfile"), IMAGE);
    linkSync(join(root, "Dockerfile"), join(tmp.dir, "Dockerfile.again"));
    const json = await runCli(["migrate", "--alpine", "3.23", "--write", "--json", "repo"], {
      cwd: tmp.dir,
    });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).files.length).toBeGreaterThan(0);
    expect(json.stderr).toContain("warning repo/Dockerfile: had 1 other hard link;");
    expect(json.stderr).not.toContain("entrypoint.sh: had");
  });

  it("does not count a name the run rewrote too", async () => {
    const root = repo();
    mkdirSync(join(root, "copy"));
    linkSync(join(root, "Dockerfile"), join(root, "copy", "Dockerfile"));
    linkSync(join(root, "entrypoint.sh"), join(root, "copy", "entrypoint.sh"));
    const both = await runCli(["migrate", "--alpine", "3.23", "--write", root]);
    expect(both.code, both.stderr).toBe(0);
    expect(readFileSync(join(root, "copy", "Dockerfile"), "utf8")).toContain("FROM alpine:3.23");
    expect(both.stderr).not.toContain("hard link");

    writeFileSync(join(root, "Dockerfile"), IMAGE);
    linkSync(join(root, "Dockerfile"), join(root, "copy", "kept.txt"));
    const kept = await runCli(["migrate", "--alpine", "3.23", "--write", root]);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stderr).toContain("Dockerfile: had 1 other hard link; --write replaced it");
  });
});

// The warnings went to stderr only: a --json caller saw nothing of the names left behind.
describe("--write --json lists the hard links left behind in `hardLinks`", () => {
  it("migrate FILE, migrate DIR and entrypoint", async () => {
    const file = join(tmp.dir, "Dockerfile");
    writeFileSync(file, DEBIAN);
    linkSync(file, join(tmp.dir, "b"));
    let r = await runCli(["migrate", "--alpine", "3.23", "--write", "--json", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).hardLinks).toEqual([
      { file, otherLinks: 1, message: expect.stringContaining(`ln -f ${file} OTHER`) },
    ]);
    expect(r.stderr).toContain(`${file}: had 1 other hard link;`);

    const script = join(tmp.dir, "entrypoint.sh");
    writeFileSync(script, SCRIPT);
    linkSync(script, join(tmp.dir, "copy.sh"));
    r = await runCli(["entrypoint", "--write", "--json", script]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).hardLinks).toEqual([
      { file: script, otherLinks: 1, message: expect.stringContaining("had 1 other hard link") },
    ]);

    const root = join(tmp.dir, "repo");
    mkdirSync(root);
    writeFileSync(join(root, "Dockerfile"), DEBIAN);
    linkSync(join(root, "Dockerfile"), join(tmp.dir, "Dockerfile.old"));
    r = await runCli(["migrate", "--alpine", "3.23", "--write", "--json", "repo"], {
      cwd: tmp.dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).hardLinks).toEqual([
      { file: "repo/Dockerfile", otherLinks: 1, message: expect.stringContaining("ln -f") },
    ]);
    // None left behind: no field.
    writeFileSync(file, DEBIAN);
    r = await runCli(["migrate", "--alpine", "3.23", "--write", "--json", join(tmp.dir, "b")]);
    expect(JSON.parse(r.stdout).hardLinks).toBeUndefined();
  });

  it("through a symlink, the ln -f advice names the file written, not the link", async () => {
    const real = join(tmp.dir, "real");
    mkdirSync(real);
    const file = join(real, "Dockerfile");
    writeFileSync(file, DEBIAN);
    linkSync(file, join(real, "other"));
    const link = join(tmp.dir, "Dockerfile");
    symlinkSync(file, link);
    const r = await runCli(["migrate", "--alpine", "3.23", "--write", link]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning ${link}: had 1 other hard link;`);
    expect(r.stderr).toContain(`ln -f ${file} OTHER`);
    expect(r.stderr).not.toContain(`ln -f ${link} `);
    const script = join(real, "e.sh");
    writeFileSync(script, SCRIPT);
    linkSync(script, join(real, "e2.sh"));
    symlinkSync(script, join(tmp.dir, "e.sh"));
    const e = await runCli(["entrypoint", "--write", join(tmp.dir, "e.sh")]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stderr).toContain(`ln -f ${script} OTHER`);
  });
});
