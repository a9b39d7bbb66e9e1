import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-debian-layout-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("Debian's layout and toolchain names, end to end", () => {
  it("check fails a migrated file that still removes, edits and starts Debian's paths and names", async () => {
    await writeFile(
      join(dir, "Dockerfile"),
      [
        "FROM alpine:3.24",
        "RUN apk add --no-cache nginx php85-fpm php85-pgsql \\",
        "    && rm /etc/nginx/sites-enabled/default \\",
        "    && sed -i 's/^listen = .*/listen = 9000/' /etc/php/8.2/fpm/pool.d/www.conf",
        `CMD ["sh", "-c", "php-fpm8.2 -D && nginx -g 'daemon off;'"]`,
        "",
      ].join("\n"),
    );
    const result = await runCli(["check", ".", "--json"], { cwd: dir });
    expect(result.code).toBe(1);
    const errors = (JSON.parse(result.stdout) as { line: number; rule: string; severity: string }[])
      .filter((f) => f.severity === "error")
      .map((f) => `${f.line}:${f.rule}`);
    expect(errors).toEqual(["3:apt-in-alpine", "4:apt-in-alpine", "5:debian-program"]);
  });

  it("check fails a migrated supervisord started on Debian's config and warns about unread folders", async () => {
    const file = join(dir, "Dockerfile");
    await writeFile(
      file,
      [
        "FROM debian:bookworm-slim",
        "RUN apt-get update && apt-get install -y supervisor nginx",
        "COPY app.conf /etc/supervisor/conf.d/app.conf",
        "COPY proxy.conf /etc/nginx/sites-available/proxy.conf",
        `CMD ["supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"]`,
        "",
      ].join("\n"),
    );
    expect((await runCli(["migrate", "--alpine", "3.24", "--write", file])).code).toBe(0);
    const result = await runCli(["check", ".", "--json"], { cwd: dir });
    expect(result.code).toBe(1);
    const found = (JSON.parse(result.stdout) as { line: number; rule: string; severity: string }[])
      .filter((f) => f.rule === "apt-in-alpine")
      .map((f) => `${f.line}:${f.severity}`)
      .sort();
    expect(found).toEqual(["3:warning", "4:warning", "5:error"]);
  });

  it("migrate points LD_PRELOAD at the jemalloc Alpine's package installs", async () => {
    await writeFile(
      join(dir, "Dockerfile"),
      "FROM ruby:3.3-slim\nRUN apt-get update && apt-get install -y libjemalloc2\nENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n",
    );
    const result = await runCli(["migrate", "--alpine", "3.24", join(dir, "Dockerfile")]);
    expect(result.stdout).toMatch(/^\+ENV LD_PRELOAD=\/usr\/lib\/libjemalloc\.so\.2$/m);
    expect(result.stderr).not.toMatch(/multiarch/);
  });

  it("migrate installs Alpine's go for Debian's versioned Go toolchain, warning about the version", async () => {
    await writeFile(
      join(dir, "Dockerfile"),
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y golang-1.22-go\n",
    );
    const result = await runCli(["migrate", "--alpine", "3.24", join(dir, "Dockerfile")]);
    expect(result.stdout).toMatch(/^\+RUN apk add --no-cache go$/m);
    expect(result.stderr).toMatch(
      /golang-1\.22-go: Alpine 3\.24 has no go 1\.22; go is go 1\.26: check/,
    );
  });
});
