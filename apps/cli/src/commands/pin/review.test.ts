import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasControl } from "@alpinize/image-ref";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { NO_CREDENTIALS_ENV as env, useRegistry } from "../../test-support/registry.js";

const UPPER = `sha256:${"C4A2".repeat(16)}`;

describe("alpinize pin and resolve: uppercase digests, control characters, --json", () => {
  const fx = useRegistry({ dir: "alpinize-pin-review-" });

  it("does not count an uppercase-hex digest as pinned (exit 2, hint to lowercase it)", async () => {
    await writeFile(join(fx.dir, "upper.Dockerfile"), `FROM alpine:3.23@${UPPER}\n`);
    const check = await runCli(["pin", "--check", "upper.Dockerfile"], { cwd: fx.dir, env });
    expect(check.code).toBe(2);
    expect(check.stderr).toContain("the digest's hex must be lowercase");
    expect(check.stderr).toContain(`sha256:${"c4a2".repeat(16)}`);
    const res = await runCli(["resolve", "--json", `${fx.registry.host}/team/app@${UPPER}`], {
      env,
    });
    expect(res.code).toBe(2);
    expect(JSON.parse(res.stdout)[0].error.code).toBe("ALPINIZE_REF_INVALID");
  });

  it("escapes control characters from scanned files instead of sending them to the terminal", async () => {
    await writeFile(
      join(fx.dir, "evil.Dockerfile"),
      "FROM alp\u001b]0;PWNED\u0007ine\nFROM x$\u001b[2J{TAG}\n",
    );
    for (const mode of ["--check", "--write"]) {
      const res = await runCli(["pin", mode, "evil.Dockerfile"], { cwd: fx.dir, env });
      expect(res.code).toBe(2);
      expect(hasControl(res.stdout + res.stderr)).toBe(false);
      expect(res.stderr).toContain('"alp\\x1b]0;PWNED\\x07ine": it contains control characters');
      expect(res.stderr).not.toContain("lowercase");
      expect(res.stderr).toContain("skipped x$\\x1b[2J{TAG}");
    }
    const resolve = await runCli(["resolve", "alp\u001b]0;PWNED\u0007ine"], { env });
    expect(resolve.code).toBe(2);
    expect(hasControl(resolve.stderr)).toBe(false);
    expect(resolve.stderr).toContain("contains control characters");
  });

  it("prints one JSON document on stdout for usage errors too", async () => {
    const pinCases = [
      ["pin", "--json", "--bogus", "f"],
      ["pin", "--json", "--write", "--check", "f"],
      ["pin", "--json"],
      ["pin", "--json", "--kind", "nope", "f"],
    ];
    for (const args of pinCases) {
      const res = await runCli(args, { cwd: fx.dir, env });
      expect(res.code, args.join(" ")).toBe(2);
      const doc = JSON.parse(res.stdout);
      expect(doc).toMatchObject({ files: [], errors: [{ code: "ALPINIZE_USAGE" }] });
      expect(res.stderr).toMatch(/^error alpinize pin/);
    }
    const resolveCases = [
      ["resolve", "--json", "--bogus", "alpine"],
      ["resolve", "--json"],
      ["resolve", "--json", "--via", "pigeon", "alpine"],
    ];
    for (const args of resolveCases) {
      const res = await runCli(args, { env });
      expect(res.code, args.join(" ")).toBe(2);
      expect(JSON.parse(res.stdout)).toMatchObject([
        { reference: null, digest: null, error: { code: "ALPINIZE_USAGE" } },
      ]);
    }
    // Without --json, stdout stays empty.
    expect((await runCli(["pin", "--bogus", "f"], { env })).stdout).toBe("");
  });
});

describe("pin on a directory", () => {
  it("says it is a directory, before guessing a file kind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "alpinize-pin-dir-"));
    try {
      const r = await runCli(["pin", dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is a directory/);
      expect(r.stderr).not.toMatch(/cannot tell whether/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("pin: compose file names and missing files", () => {
  it("reads [docker-]compose*.y[a]ml and *.compose.y[a]ml as compose files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "alpinize-pin-names-"));
    const pinned = `alpine:3.23.3@sha256:${"ab".repeat(32)}`;
    try {
      for (const name of ["compose2.yaml", "docker-compose2.yml", "app.compose.yml"]) {
        await writeFile(join(dir, name), `services:\n  app:\n    image: ${pinned}\n`);
        const r = await runCli(["pin", "--check", "--json", name], { cwd: dir, env });
        expect(r.stderr, name).not.toMatch(/cannot tell whether/);
        expect(r.code, `${name}: ${r.stderr}`).toBe(0);
        expect(JSON.parse(r.stdout).files[0]).toMatchObject({ file: name, kind: "compose" });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("says a missing file does not exist, before guessing its kind", async () => {
    for (const name of ["nonexist", "missing.Dockerfile"]) {
      const r = await runCli(["pin", name], { cwd: tmpdir(), env });
      expect(r.code, name).toBe(2);
      expect(r.stderr).toContain(`cannot read ${name}: no such file`);
      expect(r.stderr).not.toMatch(/cannot tell whether/);
    }
  });
});
