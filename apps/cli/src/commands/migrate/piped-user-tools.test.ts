import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

// busybox sh goes on after `useradd app | head -1` (the pipe's status is head's), but the user is
// never made and `USER app` fails at start: both gates must still fail on what migrate left.
const PIPED: readonly (readonly [name: string, text: string, tool: string, line: number])[] = [
  [
    "tee FILE",
    'FROM debian:bookworm-slim\nRUN useradd -m app 2>&1 | tee /tmp/useradd.log\nUSER app\nCMD ["id"]\n',
    "useradd",
    2,
  ],
  [
    "sort",
    "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl | tail -n 1\nRUN groupadd -g 1001 web | sort\n",
    "groupadd",
    3,
  ],
  ["head -1", "FROM debian:bookworm-slim\nRUN useradd app | head -1\nUSER app\n", "useradd", 2],
];

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-piped-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("a user tool piped into a filter that shows or logs its output", () => {
  it.each(PIPED)(
    "%s: migrate --check and check fail on what --write left",
    async (_n, text, tool, line) => {
      const file = join(dir, "Dockerfile");
      writeFileSync(file, text);
      const w = await runCli(["migrate", "--write", file]);
      expect(w.code).toBe(0);
      const m = await runCli(["migrate", "--check", file]);
      expect({ code: m.code, left: m.stderr.includes(`(${tool} at line ${line})`) }).toEqual({
        code: 1,
        left: true,
      });
      const c = await runCli(["check", file]);
      expect(c.code).toBe(1);
      expect(c.stdout + c.stderr).toContain(
        `:${line}: shadow-user-commands: ${tool} in Alpine stage 0`,
      );
    },
  );
});

describe("a user tool migrate leaves as is inside a pipeline", () => {
  it.each(["useradd app | cat", "useradd app | true", "useradd app | tee /dev/null"])(
    "%s: migrate --check fails on it",
    async (run) => {
      const file = join(dir, "Dockerfile");
      writeFileSync(file, `FROM debian:bookworm-slim\nRUN ${run}\nUSER app\n`);
      expect((await runCli(["migrate", "--write", file])).code).toBe(0);
      const m = await runCli(["migrate", "--check", file]);
      expect(m.code).toBe(1);
      expect(m.stderr).toContain("(useradd at line 2)");
    },
  );
});
