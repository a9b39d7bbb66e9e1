import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../../dist/bin.js");
const dir = mkdtempSync(join(tmpdir(), "alpinize-fifo-wait-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

/**
 * `alpinize <command> FIFO` with a writer that opens the FIFO only after a second: the command
 * waits for it and reads what it writes (as cat does; documented in the CLI README), rather than
 * taking a FIFO nothing writes to yet as empty.
 */
function lateWriter(command: string, name: string, text: string) {
  const fifo = join(dir, name);
  expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
  // `timeout 10`: a writer whose command failed before opening the FIFO must not stay behind.
  return spawnSync(
    "sh",
    [
      "-c",
      'timeout 10 sh -c \'sleep 1; printf %s "$T" > "$F"\' >&2 & exec "$@"',
      "sh",
      process.execPath,
      BIN,
      command,
      fifo,
    ],
    {
      cwd: dir,
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: "1", T: text, F: fifo },
    },
  );
}

describe.skipIf(!existsSync(BIN) || !hasMkfifo)(
  "a named pipe is read until its writer closes it",
  () => {
    it("check, migrate and entrypoint wait for the writer", () => {
      const check = lateWriter("check", "check.Dockerfile", "FROM alpine:3.24\nRUN apk add curl\n");
      expect([check.status, check.stdout]).toEqual([
        1,
        expect.stringContaining(":2: apk-no-cache:"),
      ]);
      const migrate = lateWriter("migrate", "migrate.Dockerfile", "FROM debian:12\n");
      expect(migrate.status, migrate.stderr).toBe(0);
      expect(migrate.stdout).toContain("+FROM alpine:");
      const entry = lateWriter(
        "entrypoint",
        "entrypoint.sh",
        '#!/bin/sh\nuseradd app\nexec "$@"\n',
      );
      expect(entry.stderr).toMatch(/^error \S*entrypoint\.sh:2:1 \[useradd\]/m);
    });
  },
);
