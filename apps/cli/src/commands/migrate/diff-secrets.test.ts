import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { maskDiffSecrets } from "./diff-secrets.js";

const SECRET = "Zebra-S3cret-Pw-4711";
// The FROM is a context line of the diff: the apt RUN below it is what changes.
const FILE = `FROM debian:bookworm\nRUN git clone https://bob:${SECRET}@git.example.com/team/app.git /src\nRUN apt-get update && apt-get install -y curl\n`;

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-diff-secrets-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("maskDiffSecrets", () => {
  it("masks user:password@ and says so; a user name alone stays", () => {
    const diff = ` RUN git clone git@github.com:o/r.git\n RUN curl https://u:${SECRET}@h.example/x\n`;
    const { text, masked } = maskDiffSecrets(diff);
    expect(masked).toBe(true);
    expect(text).not.toContain(SECRET);
    expect(text).toContain("https://***@h.example/x");
    expect(text).toContain("git@github.com:o/r.git");
  });

  it("leaves a diff without credentials byte for byte", () => {
    const diff = "-FROM debian:12\n+FROM alpine:3.24\n LABEL maintainer=a@b.example\n";
    expect(maskDiffSecrets(diff)).toEqual({ text: diff, masked: false });
  });
});

describe("migrate diff output", () => {
  it.each([["file"], ["dir"]])("prints no password in context lines (%s)", async (mode) => {
    writeFileSync(join(dir, "Dockerfile"), FILE);
    const target = mode === "file" ? join(dir, "Dockerfile") : dir;
    const r = await runCli(["migrate", target], { cwd: dir });
    expect(r.stdout).toContain("+RUN apk add --no-cache curl");
    expect(r.stdout).toContain("https://***@git.example.com/team/app.git");
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stderr).toContain("does not apply with patch as printed: use --write");
  });
});
