import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bounded, fifoWriter, finished } from "@alpinize/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../../dist/bin.js");
/** One finding (apk-no-cache) on line 2: a file that was read shows it, one skipped does not. */
const DOCKERFILE = "FROM alpine:3.24\nRUN apk add curl\n";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-check-links-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("alpinize check on a path named on the command line", () => {
  it("follows a symbolic link to a Dockerfile, and names the link in findings", async () => {
    await writeFile(join(dir, "real.Dockerfile"), DOCKERFILE);
    await symlink("real.Dockerfile", join(dir, "Dockerfile"));
    const r = await runCli(["check", "Dockerfile"], { cwd: dir });
    expect(r.stderr).not.toMatch(/symbolic link/);
    expect(r.stdout).toMatch(/^Dockerfile:2: apk-no-cache: /m);
    expect(r.code).toBe(1);
  });

  it("follows a symbolic link to a script", async () => {
    await writeFile(join(dir, "real.sh"), '#!/bin/sh\nuseradd app\nexec "$@"\n');
    await symlink("real.sh", join(dir, "entrypoint.sh"));
    const r = await runCli(["check", "entrypoint.sh"], { cwd: dir });
    expect(r.stderr).not.toMatch(/symbolic link/);
    expect(r.stdout).toMatch(/^entrypoint\.sh:2: entrypoint-lint: /m);
    expect(r.code).toBe(1);
  });

  it("reads a named FIFO to its end", async () => {
    const fifo = join(dir, "Dockerfile");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const writer = fifoWriter(fifo, DOCKERFILE);
    const r = await runCli(["check", "Dockerfile"], { cwd: dir });
    await writer.written;
    expect(r.stdout).toMatch(/^Dockerfile:2: apk-no-cache: /m);
    expect(r.code).toBe(1);
  });

  it.skipIf(!existsSync(BIN))("reads <(cmd), a /dev/fd/N path, as migrate does", async () => {
    await writeFile(join(dir, "real.Dockerfile"), DOCKERFILE);
    const r = spawnSync(
      "bash",
      ["-c", 'exec "$0" "$1" check <(cat real.Dockerfile)', process.execPath, BIN],
      { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, ...bounded() },
    );
    expect(finished(r, "alpinize check <(cat real.Dockerfile)").stderr).not.toMatch(
      /symbolic link/,
    );
    expect(r.stdout).toMatch(/^\/dev\/fd\/\d+:2: apk-no-cache: /m);
    expect(r.status).toBe(1);
  });
});

describe("alpinize check on a directory", () => {
  it("still skips and reports a script link met through a Dockerfile", async () => {
    await writeFile(
      join(dir, "Dockerfile"),
      'FROM alpine:3.24\nCOPY entry.sh /\nENTRYPOINT ["/entry.sh"]\n',
    );
    await writeFile(join(dir, "real.sh"), '#!/bin/sh\nexec "$@"\n');
    await symlink("real.sh", join(dir, "entry.sh"));
    const r = await runCli(["check", "."], { cwd: dir });
    expect(r.stderr).toMatch(
      /entry\.sh: symbolic link; skipped \(alpinize does not follow links\)/,
    );
    expect(r.code).toBe(2);
  });

  it("does not follow a Dockerfile link found in the walk", async () => {
    await mkdir(join(dir, "other"));
    await writeFile(join(dir, "other/real.Dockerfile"), DOCKERFILE);
    await symlink("other/real.Dockerfile", join(dir, "Dockerfile"));
    const r = await runCli(["check", "."], { cwd: dir });
    expect(r.stdout).toMatch(/^other\/real\.Dockerfile:2: apk-no-cache: /m);
    expect(r.stdout).not.toMatch(/^Dockerfile:/m);
  });
});
