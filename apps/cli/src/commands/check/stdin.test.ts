import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../../dist/bin.js");
const dir = mkdtempSync(join(tmpdir(), "alpinize-check-stdin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The built CLI with `input` piped in by the shell (a real pipe), or with a file descriptor as
 * standard input (a redirect).
 */
function check(args: string[], input: string | number) {
  const piped = typeof input === "string";
  const r = spawnSync(
    "sh",
    [
      "-c",
      piped ? 'printf %s "$IN" | "$@"' : '"$@"',
      "sh",
      process.execPath,
      BIN,
      "check",
      ...args,
    ],
    {
      cwd: dir,
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: "1", IN: piped ? input : "" },
      stdio: [piped ? "ignore" : input, "pipe", "pipe"],
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!existsSync(BIN))(
  "alpinize check - reads standard input, as migrate - does",
  () => {
    it("a Dockerfile from a pipe is checked and named <stdin>, as migrate - names it", () => {
      const r = check(["-"], "FROM alpine:3.24\nRUN apk add curl\n");
      expect(r.stderr).not.toContain("does not exist");
      expect(r.stdout).toMatch(/^<stdin>:2: apk-no-cache: /m);
      expect(r.code).toBe(1);
      const clean = check(["-", "--json"], "FROM alpine:3.24\nRUN apk add --no-cache curl\n");
      expect(clean.code).toBe(0);
      expect(JSON.parse(clean.stdout)).toEqual([
        expect.objectContaining({ file: "<stdin>", rule: "base-image-unpinned" }),
      ]);
    });

    it("a script (a #! first line) is linted as a script", () => {
      const r = check(["-"], '#!/bin/sh\nuseradd app\nexec "$@"\n');
      expect(r.stdout).toMatch(/^<stdin>:2: entrypoint-lint: /m);
      expect(r.code).toBe(1);
    });

    it("a redirected regular file, and - beside a file named on the command line", () => {
      writeFileSync(join(dir, "in.Dockerfile"), "FROM debian:12\n");
      writeFileSync(join(dir, "Dockerfile"), "FROM alpine:3.24\nRUN apk add curl\n");
      const fd = openSync(join(dir, "in.Dockerfile"), "r");
      const r = check(["Dockerfile", "-"], fd);
      expect(r.stdout).toMatch(/^<stdin>:1: debian-base: /m);
      expect(r.stdout).toMatch(/^Dockerfile:2: apk-no-cache: /m);
      expect(r.code).toBe(1);
    });

    it("empty standard input is not a Dockerfile: exit 2, never a silent pass", () => {
      const r = check(["-"], "");
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("<stdin>");
      expect(r.stderr).not.toContain("/dev/stdin");
    });

    it("a socket as standard input (Node's own pipes) is refused with a way out", () => {
      const r = spawnSync(process.execPath, [BIN, "check", "-", "--json"], {
        cwd: dir,
        encoding: "utf8",
        input: "FROM alpine:3.24\n",
        timeout: 20_000,
      });
      expect(r.status).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual([
        expect.objectContaining({
          rule: "not-checked",
          code: "ALPINIZE_CHECK_STDIN_SOCKET",
          hint: expect.stringContaining("| cat | alpinize check -"),
        }),
      ]);
    });
  },
);
