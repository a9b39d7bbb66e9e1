import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";
import { BIN } from "./test-support/nobody.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-too-large-words-"));
  await mkdir(join(dir, "big"));
  // Just over the 4 MiB a Dockerfile may have.
  const line = `RUN echo ${"a".repeat(100)}\n`;
  await writeFile(join(dir, "big", "Dockerfile"), `FROM debian:bookworm\n${line.repeat(45_000)}`);
  await writeFile(join(dir, "big", "start"), `#!/bin/sh\n${line.repeat(45_000)}`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const FIRST = "big/Dockerfile: larger than 4 MiB: a Dockerfile too large for alpinize to read";
const SPLIT = "  Split it into Dockerfiles of at most 4 MiB each, then";

/** The error line and the hint line after it. */
function errorAndHint(stderr: string): string[] {
  const lines = stderr.split("\n");
  const at = lines.findIndex((l) => l.startsWith("error "));
  return lines.slice(at, at + 2);
}

describe("a Dockerfile over 4 MiB is worded alike by migrate and check, FILE or DIR", () => {
  it.each([
    [["migrate", "big/Dockerfile"], "", " migrate each of them."],
    [["check", "big/Dockerfile"], " (not checked)", " check each of them."],
    [["migrate", "big"], " (left untouched)", " run alpinize on the folder again; "],
    [["check", "big"], " (not checked)", " run alpinize on the folder again; "],
  ])("%j", async (argv, suffix, next) => {
    const r = await runCli(argv, { cwd: dir });
    expect(r.code).toBe(2);
    const [first, hint] = errorAndHint(r.stderr);
    expect(first).toBe(`error ${FIRST}${suffix}`);
    expect(hint?.startsWith(`${SPLIT}${next}`)).toBe(true);
  });

  it("migrate FILE --json carries the same message and hint", async () => {
    const r = await runCli(["migrate", "--json", "big/Dockerfile"], { cwd: dir });
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({
      code: "ALPINIZE_MIGRATE_TOO_LARGE",
      message: FIRST,
      hint: `${SPLIT.trim()} migrate each of them.`,
    });
  });
});

/** The built CLI reading `file` as standard input, through a pipe or redirected from the file. */
function fromStdin(how: "pipe" | "redirect", file: string, command: string) {
  const script = how === "pipe" ? 'cat "$F" | "$@" -' : '"$@" - < "$F"';
  const r = spawnSync("sh", ["-c", script, "sh", process.execPath, BIN, command], {
    cwd: dir,
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: "1", F: join(dir, "big", file) },
  });
  return { code: r.status, stderr: r.stderr };
}

// migrate - said "not a Dockerfile"; check - "Pass a Dockerfile or a script." from a pipe, and
// "name the right file, or split this one" from a redirected file.
describe.skipIf(!existsSync(BIN))(
  "standard input over 4 MiB is worded as a Dockerfile over 4 MiB",
  () => {
    it.each([
      ["migrate", "pipe", "", " migrate each of them."],
      ["migrate", "redirect", "", " migrate each of them."],
      ["check", "pipe", " (not checked)", " check each of them."],
      ["check", "redirect", " (not checked)", " check each of them."],
    ] as const)("%s - from a %s", (command, how, suffix, next) => {
      const r = fromStdin(how, "Dockerfile", command);
      expect(r.code).toBe(2);
      const [first, hint] = errorAndHint(r.stderr);
      expect(first).toBe(
        `error <stdin>: larger than 4 MiB: a Dockerfile too large for alpinize to read${suffix}`,
      );
      expect(hint).toBe(`${SPLIT}${next}`);
    });

    it.each(["pipe", "redirect"] as const)(
      "check - from a %s: a script when it starts #!",
      (how) => {
        const r = fromStdin(how, "start", "check");
        expect(r.code).toBe(2);
        expect(errorAndHint(r.stderr)).toEqual([
          "error <stdin>: larger than 4 MiB: a script too large for alpinize to read (not checked)",
          "  Split it into scripts of at most 4 MiB each, then check each of them.",
        ]);
      },
    );
  },
);
