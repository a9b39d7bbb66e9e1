import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-too-large-words-"));
  await mkdir(join(dir, "big"));
  // Just over the 4 MiB a Dockerfile may have.
  const line = `RUN echo ${"a".repeat(100)}\n`;
  await writeFile(join(dir, "big", "Dockerfile"), `FROM debian:bookworm\n${line.repeat(45_000)}`);
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
