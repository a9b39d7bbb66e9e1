import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

// The nginx image's key fetch: Debian's gnupg1 and its gpg1, which Alpine names gpg.
const DOCKERFILE = [
  "FROM debian:12",
  "RUN apt-get update && apt-get install -y --no-install-recommends gnupg1 ca-certificates \\",
  '    && gpg1 --batch --keyserver hkp://keys.example --recv-keys "$KEY" \\',
  '    && gpg1 --export "$KEY" > /usr/share/keyrings/k.gpg \\',
  "    && rm -rf /var/lib/apt/lists/*",
  'CMD ["sh"]',
  "",
].join("\n");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-gpg1-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("migrate and check agree on gpg1 calls", () => {
  it("migrate renames them, and check on its output finds no debian-program error", async () => {
    const file = join(dir, "Dockerfile");
    writeFileSync(file, DOCKERFILE);
    const before = await runCli(["check", file]);
    expect(before.stdout).not.toMatch(/debian-program: RUN calls gpg1/);
    const json = await runCli(["migrate", file, "--json"]);
    const doc = JSON.parse(json.stdout) as {
      files: Array<{ edits: Array<{ rule: string; before: string; after: string }> }>;
    };
    const renamed = doc.files[0]!.edits.filter((e) => e.before === "gpg1");
    expect(renamed.map((e) => `${e.rule} ${e.after}`)).toEqual(["apt gpg", "apt gpg"]);
    expect((await runCli(["migrate", file, "--write"])).code).toBe(0);
    const out = readFileSync(file, "utf8");
    expect(out).not.toMatch(/gpg1/);
    expect((await runCli(["migrate", file, "--check"])).code).toBe(0);
    const after = await runCli(["check", file]);
    expect(after.stdout).not.toMatch(/debian-program/);
  });

  it("check reports a gpg1 call left in an Alpine stage, which migrate --check fixes", async () => {
    const file = join(dir, "Dockerfile");
    writeFileSync(file, "FROM alpine:3.23\nRUN apk add --no-cache gnupg && gpg1 --version\n");
    expect((await runCli(["check", file])).stdout).toMatch(/debian-program: RUN calls gpg1/);
    expect((await runCli(["migrate", file, "--check"])).code).toBe(1);
    expect((await runCli(["migrate", file, "--write"])).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("&& gpg --version");
    expect((await runCli(["check", file])).stdout).not.toMatch(/debian-program/);
  });

  it("migrate renames the calls in command substitutions, so check on its output is clean", async () => {
    const file = join(dir, "Dockerfile");
    const run = "RUN apt-get install -y gnupg1 && V=$(gpg1 --version) && echo `gpg1 -k`";
    writeFileSync(file, `FROM debian:12\n${run}\n`);
    expect((await runCli(["migrate", file, "--write"])).code).toBe(0);
    const out = readFileSync(file, "utf8");
    expect(out).toContain("V=$(gpg --version) && echo `gpg -k`");
    expect((await runCli(["migrate", file, "--check"])).code).toBe(0);
    expect((await runCli(["check", file])).stdout).not.toMatch(/debian-program/);
  });
});
