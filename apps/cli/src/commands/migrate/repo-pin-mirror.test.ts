import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  type PushedImage,
  pushImage,
  type StartedRegistry,
  startRegistry,
} from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

const DOCKERFILE = "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y curl\n";
// No credentials of the machine running the tests are read.
const env = { HOME: "/nonexistent-alpinize-home", PATH: process.env.PATH };

let root = "";
removeGitReposAfterEach();

describe("alpinize migrate DIR --pin --registry-mirror (two real registries on loopback)", () => {
  let first: StartedRegistry;
  let second: StartedRegistry;
  let firstAlpine: PushedImage;
  let secondAlpine: PushedImage;
  beforeAll(async () => {
    [first, second] = await Promise.all([startRegistry(), startRegistry()]);
    // Same repository and tag, different content: the digest written tells which registry answered.
    [firstAlpine, secondAlpine] = await Promise.all([
      pushImage(first.url, "library/alpine", "3.23", { seed: "first mirror" }),
      pushImage(second.url, "library/alpine", "3.23", { seed: "second mirror" }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it("pins the rewritten image to the digest the named mirror serves", async () => {
    expect(firstAlpine.digest).not.toBe(secondAlpine.digest);
    for (const [mirror, pushed, other] of [
      [first, firstAlpine, second],
      [second, secondAlpine, first],
    ] as const) {
      root = await gitRepo({ Dockerfile: DOCKERFILE });
      const before = (await other.accessLog()).length;
      const r = await runCli(
        ["migrate", "--write", "--pin", "--alpine", "3.23", "--registry-mirror", mirror.host, "."],
        { cwd: root, env },
      );
      expect(r.stderr).not.toMatch(/error/);
      expect(r.code).toBe(0);
      const after = await readFile(join(root, "Dockerfile"), "utf8");
      expect(after).toBe(`FROM alpine:3.23@${pushed.digest}\nRUN apk add --no-cache curl\n`);
      const asked = (await mirror.accessLog()).filter((e) =>
        e.path.startsWith("/v2/library/alpine/manifests/3.23"),
      );
      expect(asked.length).toBeGreaterThan(0);
      expect((await other.accessLog()).length).toBe(before);
      await rm(root, { recursive: true, force: true });
    }
  });

  it("--json lists the pin, and a tag the mirror lacks is exit 1 with the file left unpinned", async () => {
    root = await gitRepo({
      "a/Dockerfile": DOCKERFILE,
      "b/Dockerfile": "FROM node:24.13.0-slim\n",
    });
    const r = await runCli(
      ["migrate", "--json", "--pin", "--alpine", "3.23", "--registry-mirror", first.host, "."],
      { cwd: root, env },
    );
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.pins).toEqual([
      { file: "a/Dockerfile", line: 1, reference: "alpine:3.23", digest: firstAlpine.digest },
    ]);
    expect(doc.pinFailures).toMatchObject([
      { file: "b/Dockerfile", line: 1, reference: "node:24.13.0-alpine" },
    ]);
    expect(r.stderr).toMatch(/error b\/Dockerfile:1: cannot pin node:24\.13\.0-alpine: /);
  });
});

describe("alpinize migrate registry flags: usage", () => {
  it.each([
    [
      ["--registry-mirror", "mirror.lan:5000"],
      "--registry-mirror applies only to --pin; add --pin",
    ],
    [
      ["--insecure-registry", "mirror.lan:5000"],
      "--insecure-registry applies only to --pin; add --pin",
    ],
  ])("%j without --pin is exit 2 asking for --pin (directory or file)", async (flags, message) => {
    root = await gitRepo({ Dockerfile: DOCKERFILE });
    for (const target of [".", join(root, "Dockerfile")]) {
      const r = await runCli(["migrate", ...flags, target], { cwd: root, env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(await readFile(join(root, "Dockerfile"), "utf8")).toBe(DOCKERFILE);
  });

  it.each([
    [["--registry-mirror", "mirror lan"], '--registry-mirror "mirror lan" is not a host[:port]'],
    [["--insecure-registry", "a/b"], '--insecure-registry "a/b" is not a host[:port]'],
  ])("%j with --pin is checked like alpinize pin's, before any work", async (flags, message) => {
    root = await gitRepo({ Dockerfile: DOCKERFILE });
    const r = await runCli(["migrate", "--write", "--pin", ...flags, "."], { cwd: root, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`alpinize migrate: ${message}`);
    expect(await readFile(join(root, "Dockerfile"), "utf8")).toBe(DOCKERFILE);
  });
});
