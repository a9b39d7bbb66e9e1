import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { checkTargets } from "./run.js";

const PASSWORD = "s3cr3t-Pa55";
const lint = { lintEntrypoint: () => [] };

describe("debian-base and the base reference, as check reads the whole file", () => {
  let repo: ScratchRepo | undefined;
  afterEach(async () => {
    await repo?.remove();
    repo = undefined;
  });

  async function check(dockerfile: string, skip: string[] = []) {
    repo = await scratchRepo({ Dockerfile: dockerfile });
    const config = defaultConfig();
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: { ...config, check: { ...config.check, skip } },
      transforms: lint,
      cwd: repo.root,
    });
    return result.findings;
  }

  it("names the shared ARG and the Alpine image migrate asks for, not run alpinize migrate", async () => {
    const findings = await check(
      `ARG IMG=debian\nFROM \${IMG}:bookworm AS build\nRUN apt-get update && apt-get install -y curl\nFROM \${IMG}:bookworm-slim\nCOPY --from=build /etc/hostname /x\nLABEL base=\${IMG}\n`,
    );
    const base = findings.filter((f) => f.rule === "debian-base");
    expect(base.map((f) => f.line)).toEqual([2, 4]);
    for (const f of base) {
      expect(f.message).not.toMatch(/run "alpinize migrate"/);
      expect(f.message).toMatch(
        /the image comes from ARG IMG \(\$\{IMG\}:bookworm(?:-slim)?\), which other lines read too, so alpinize migrate does not rewrite it: write alpine:3\.\d+ in this FROM by hand, or set its default/,
      );
    }
  });

  it("still sends an ARG only one FROM reads to migrate, which rewrites its default", async () => {
    const findings = await check(
      `ARG BASE=debian:12\nFROM \${BASE}\nRUN apt-get install -y curl\n`,
    );
    expect(findings.find((f) => f.rule === "debian-base")?.message).toMatch(
      /run "alpinize migrate"/,
    );
  });

  it("reports a FROM carrying credentials as an error, masked, with migrate's advice", async () => {
    const findings = await check(
      `FROM bob:${PASSWORD}@registry.example:5000/debian:12\nRUN apt-get update && apt-get install -y curl\n`,
    );
    expect(findings).toEqual([
      {
        file: "Dockerfile",
        line: 1,
        rule: "from-credentials",
        severity: "error",
        message:
          "stage 0: this FROM carries credentials (***@registry.example:5000/debian:12), which Docker refuses; remove them and log in with docker login registry.example:5000",
      },
    ]);
  });

  it("keeps the credentials error when the digest rule is skipped (its own id)", async () => {
    const findings = await check(
      `FROM bob:${PASSWORD}@registry.example:5000/alpine:3.22\nRUN apk add --no-cache curl\n`,
      ["base-image-unpinned"],
    );
    expect(findings.map((f) => f.rule)).toContain("from-credentials");
  });

  it("never prints the password, from a FROM or an ARG default, for Debian or Alpine bases", async () => {
    for (const text of [
      `FROM alice:${PASSWORD}@docker.io/library/debian:12\nRUN apt-get install -y curl\n`,
      `ARG BASE=alice:${PASSWORD}@registry.example:5000/alpine:3.22\nFROM \${BASE}\nRUN apk add curl\n`,
      `FROM alice:${PASSWORD}@ghcr.io/o/app:1\nFROM alpine:3.22\nCOPY --from=0 /a /a\n`,
    ]) {
      const findings = await check(text);
      await repo?.remove();
      repo = undefined;
      expect(findings.some((f) => f.severity === "error" && /credentials/.test(f.message))).toBe(
        true,
      );
      expect(JSON.stringify(findings)).not.toContain(PASSWORD);
    }
  });
});
