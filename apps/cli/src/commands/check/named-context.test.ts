import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const DOCKERFILE = `FROM alpine:3.23@${DIGEST}\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n`;
const ENTRY = '#!/bin/bash\nexec gosu nobody "$@"\n';

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-check-context-"));
  await mkdir(join(dir, "d"));
  await mkdir(join(dir, "elsewhere"));
  await writeFile(join(dir, "d/Dockerfile"), DOCKERFILE);
  await writeFile(join(dir, "d/entry.sh"), ENTRY);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `file:line: rule` of each error line of the output. */
const errors = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => /^(.*?:\d+): ([\w-]+):/.exec(l)?.slice(1).join(": "));

describe("alpinize check on a Dockerfile named outside the current directory", () => {
  it("links it with the script it COPYs and runs, named too or not, as check DIR does", async () => {
    const cwd = join(dir, "elsewhere");
    const file = join(dir, "d/Dockerfile");
    const expected = [`${file}:2: bash-missing`, `${file}:2: exec-as-missing`];
    const both = await runCli(["check", file, join(dir, "d/entry.sh")], { cwd });
    expect(errors(both.stdout)).toEqual(expected);
    expect(both.code).toBe(1);
    const alone = await runCli(["check", "../d/Dockerfile"], { cwd });
    expect(errors(alone.stdout)).toEqual(expected);
    expect(alone.code).toBe(1);
    const directory = await runCli(["check", "../d"], { cwd });
    expect(errors(directory.stdout)).toEqual(expected);
  });

  it("is clean when the script it runs is POSIX sh with no gosu call", async () => {
    await writeFile(join(dir, "d/entry.sh"), '#!/bin/sh\nexec "$@"\n');
    const r = await runCli(["check", join(dir, "d/Dockerfile")], { cwd: join(dir, "elsewhere") });
    expect(r.stdout).toBe("");
    expect(r.code).toBe(0);
  });
});
