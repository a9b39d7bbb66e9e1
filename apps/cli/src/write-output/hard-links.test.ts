import { linkSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
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
