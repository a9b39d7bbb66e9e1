import { execFileSync } from "node:child_process";
import { chmod, lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fifoGuard } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { NO_CREDENTIALS_ENV as env, useRegistry } from "../../test-support/registry.js";
import { replaceFile } from "./files.js";

describe("alpinize pin", () => {
  const fx = useRegistry({ dir: "alpinize-pin-" });

  it("plans, writes atomically keeping the mode, then passes --check", async () => {
    const r = fx.registry.host;
    const dockerfile = join(fx.dir, "Dockerfile");
    const compose = join(fx.dir, "compose.yaml");
    await writeFile(dockerfile, `FROM ${r}/team/app:1.0 AS base\nRUN true\n`);
    await chmod(dockerfile, 0o640);
    await writeFile(compose, `services:\n  web:\n    image: ${r}/team/app:1.0\n`);

    const check = await runCli(["pin", "--check", "Dockerfile", "compose.yaml"], {
      cwd: fx.dir,
      env,
    });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      `Dockerfile:1: ${r}/team/app:1.0 (FROM) is not pinned by digest`,
    );

    const plan = await runCli(["pin", "Dockerfile"], { cwd: fx.dir, env });
    expect(plan.code).toBe(1);
    expect(plan.stdout).toBe(
      `Dockerfile:1: would pin ${r}/team/app:1.0 -> ${r}/team/app:1.0@${fx.app.indexDigest}\n`,
    );
    expect(await readFile(dockerfile, "utf8")).toBe(`FROM ${r}/team/app:1.0 AS base\nRUN true\n`);

    const write = await runCli(["pin", "--write", "--json", "Dockerfile", "compose.yaml"], {
      cwd: fx.dir,
      env,
    });
    expect(write.code).toBe(0);
    const json = JSON.parse(write.stdout).files as {
      file: string;
      written: boolean;
      changes: unknown[];
    }[];
    expect(json.map((f) => [f.file, f.written, f.changes.length])).toEqual([
      ["Dockerfile", true, 1],
      ["compose.yaml", true, 1],
    ]);
    expect(await readFile(dockerfile, "utf8")).toBe(
      `FROM ${r}/team/app:1.0@${fx.app.indexDigest} AS base\nRUN true\n`,
    );
    expect(await readFile(compose, "utf8")).toBe(
      `services:\n  web:\n    image: ${r}/team/app:1.0@${fx.app.indexDigest}\n`,
    );
    expect((await stat(dockerfile)).mode & 0o777).toBe(0o640);
    expect((await readdir(fx.dir)).sort()).toEqual(["Dockerfile", "compose.yaml"]);

    const recheck = await runCli(["pin", "--check", "Dockerfile", "compose.yaml"], {
      cwd: fx.dir,
      env,
    });
    expect(recheck.code).toBe(0);
  });

  it("exits 1 and leaves the others pinned when a reference cannot be resolved", async () => {
    const file = join(fx.dir, "two.Dockerfile");
    await writeFile(
      file,
      `FROM ${fx.registry.host}/team/app:1.0\nFROM ${fx.registry.host}/team/gone:1\n`,
    );
    const res = await runCli(["pin", "--write", "two.Dockerfile"], { cwd: fx.dir, env });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("two.Dockerfile:2:");
    expect(res.stderr).toContain("not found");
    expect(await readFile(file, "utf8")).toContain(`team/app:1.0@${fx.app.indexDigest}`);
  });

  it("keeps bytes that are not UTF-8 and a byte order mark exactly as they were", async () => {
    const r = fx.registry.host;
    const latin1 = join(fx.dir, "latin1.Dockerfile");
    const bom = join(fx.dir, "bom.Dockerfile");
    // Latin-1 and UTF-8 in one file: neither may be re-encoded.
    const comment = Buffer.concat([Buffer.from("# caf\xe9 ", "latin1"), Buffer.from("café\n")]);
    await writeFile(latin1, Buffer.concat([comment, Buffer.from(`FROM ${r}/team/app:1.0\n`)]));
    await writeFile(bom, `\ufeffFROM ${r}/team/app:1.0\n`);
    const res = await runCli(["pin", "--write", "latin1.Dockerfile", "bom.Dockerfile"], {
      cwd: fx.dir,
      env,
    });
    expect(res.code).toBe(0);
    expect(await readFile(latin1)).toEqual(
      Buffer.concat([comment, Buffer.from(`FROM ${r}/team/app:1.0@${fx.app.indexDigest}\n`)]),
    );
    expect(await readFile(bom, "utf8")).toBe(
      `\ufeffFROM ${r}/team/app:1.0@${fx.app.indexDigest}\n`,
    );
  });

  it("writes through a symlink to its target, keeping the link", async () => {
    const r = fx.registry.host;
    await mkdir(join(fx.dir, "real"));
    const target = join(fx.dir, "real", "Dockerfile");
    await writeFile(target, `FROM ${r}/team/app:1.0\n`);
    await symlink("real/Dockerfile", join(fx.dir, "link.Dockerfile"));
    const res = await runCli(["pin", "--write", "link.Dockerfile"], { cwd: fx.dir, env });
    expect(res.code).toBe(0);
    expect((await lstat(join(fx.dir, "link.Dockerfile"))).isSymbolicLink()).toBe(true);
    expect(await readFile(target, "utf8")).toBe(`FROM ${r}/team/app:1.0@${fx.app.indexDigest}\n`);
  });

  it("says which file it cannot write instead of failing as an internal error", async () => {
    // Nobody, root included, may create a file in /proc.
    await expect(
      replaceFile("/proc/version", Buffer.from("x"), "/proc/version"),
    ).rejects.toMatchObject({ code: "ALPINIZE_PIN_UNWRITABLE", exitCode: 2 });
  });

  it("names the file it could not read as a Dockerfile", async () => {
    await writeFile(join(fx.dir, "binary.Dockerfile"), Buffer.from([0x46, 0x00, 0x01, 0x0a]));
    const res = await runCli(["pin", "--check", "binary.Dockerfile"], { cwd: fx.dir, env });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      "binary.Dockerfile: not a text file (a NUL byte at offset 1), so not a Dockerfile",
    );
  });

  it("calls a named pipe not a regular file (not EISDIR), without blocking on it", async () => {
    const fifo = join(fx.dir, "pipe.Dockerfile");
    execFileSync("mkfifo", [fifo]);
    const guard = fifoGuard(fifo, 20_000); // an open that blocks after all is freed, not a hang
    const res = await runCli(["pin", "--check", "pipe.Dockerfile"], { cwd: fx.dir, env });
    guard.stop();
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("cannot read pipe.Dockerfile: not a regular file");
    expect(res.stderr).not.toContain("EISDIR");
    const sub = await runCli(["pin", "--check", "--kind", "dockerfile", "."], { cwd: fx.dir, env });
    expect(sub.stderr).toContain("cannot read .: is a directory");
  });

  it("with --json prints a JSON document on stdout even when a file is missing", async () => {
    const res = await runCli(["pin", "--json", "--check", "nope/Dockerfile"], { cwd: fx.dir, env });
    expect(res.code).toBe(2);
    expect(JSON.parse(res.stdout)).toMatchObject({
      files: [],
      errors: [{ code: "ALPINIZE_PIN_UNREADABLE", file: "nope/Dockerfile" }],
    });
    await writeFile(join(fx.dir, "empty.yaml"), "services: {}\n");
    const ok = await runCli(["pin", "--json", "--check", "--kind", "compose", "empty.yaml"], {
      cwd: fx.dir,
      env,
    });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ files: [{ file: "empty.yaml" }], errors: [] });
  });

  it("rejects a binary or non-UTF-8 compose or workflow file instead of passing it", async () => {
    await writeFile(join(fx.dir, "bin.yaml"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    const bin = await runCli(["pin", "--check", "--kind", "compose", "bin.yaml"], {
      cwd: fx.dir,
      env,
    });
    expect(bin.code).toBe(2);
    expect(bin.stderr).toContain("bin.yaml: not a text file (a NUL byte at offset 4)");
    await writeFile(
      join(fx.dir, "l1.yaml"),
      Buffer.from("services:\n  a:\n    image: caf\xe9\n", "latin1"),
    );
    const l1 = await runCli(["pin", "--check", "--kind", "workflow", "l1.yaml"], {
      cwd: fx.dir,
      env,
    });
    expect(l1.code).toBe(2);
    expect(l1.stderr).toContain("l1.yaml: not a text file (bytes that are not UTF-8)");
  });

  it("exits 2 on a missing file or a file it cannot classify", async () => {
    expect((await runCli(["pin", "nope/Dockerfile"], { cwd: fx.dir, env })).code).toBe(2);
    await writeFile(join(fx.dir, "values.yaml"), "image: x\n");
    const res = await runCli(["pin", "values.yaml"], { cwd: fx.dir, env });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("--kind");
  });
});
