import { chmod, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { isDockerfileText } from "./kinds.js";
import { discoverFiles } from "./walk.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

const DEBIAN = "FROM debian:bookworm\nRUN apt-get install -y curl\n";

describe("isDockerfileText", () => {
  it.each([
    [DEBIAN, true],
    ["# syntax=docker/dockerfile:1\n\n# build\nARG V=1\nFROM debian:$V\n", true],
    ["\uFEFFfrom alpine\n", true],
    ["ARG\\\n V=1\nFROM x\n", true],
    ["#!/bin/sh\nFROM=1\n", false],
    ["#!/usr/bin/env bash\nset -e\n", false],
    ["# Dockerfile notes\n\nThe image is built FROM debian.\n", false],
    ["import { x } from 'y';\n", false],
    ["--- Dockerfile\n+++ Dockerfile\n", false],
    ["RUN apt-get update\n", false],
    ["", false],
    ["FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n", true],
    ["FROM \\\n  debian:12\n", true],
    ["arg version=1\nfrom x\n", true],
    ["# tool\nfrom os import path\n", false],
    ["from . import views\n", false],
    ["arg = 1\n", false],
  ])("%j → %s", (text, expected) => {
    expect(isDockerfileText(text)).toBe(expected);
  });

  it("reads the first 64 Ki characters only: a FROM past them is not seen", () => {
    const comments = (n: number) => "#\n".repeat(n);
    expect(isDockerfileText(`${comments(32 * 1024 - 8)}FROM debian:12\n`)).toBe(true);
    expect(isDockerfileText(`${comments(32 * 1024)}FROM debian:12\n`)).toBe(false);
  });
});

describe("discoverFiles on names such as Dockerfile.sh", () => {
  it("lists those that hold a Dockerfile, whatever their extension, and skips scripts and documents", async () => {
    repo = await scratchRepo({
      "Dockerfile.sh": DEBIAN,
      "Dockerfile.bash": DEBIAN,
      "Dockerfile.txt": DEBIAN,
      "Dockerfile.bak": DEBIAN,
      "Dockerfile.md": "# Dockerfile\n\nHow the image is built.\n",
      "svc/Dockerfile.sh": "#!/bin/sh\nexec docker build .\n",
      "Dockerfile.test.ts": 'import { it } from "vitest";\n',
      "Dockerfile.dockerignore": "node_modules\n",
      "dockerfile.sh": DEBIAN,
      "app.Dockerfile.sh": DEBIAN,
      "x.dockerfile.txt": DEBIAN,
      "dockerfile.prod": DEBIAN,
      "lib/dockerfile.ts": 'import { x } from "y";\n',
      "lib/dockerfile.py": "# reader\nfrom os import path\n",
    });
    const found = await discoverFiles(repo.root);
    expect(found.dockerfiles).toEqual([
      "Dockerfile.bak",
      "Dockerfile.bash",
      "Dockerfile.sh",
      "Dockerfile.txt",
      "app.Dockerfile.sh",
      "dockerfile.prod",
      "dockerfile.sh",
      "x.dockerfile.txt",
    ]);
  });

  it("judges by the first 64 Ki characters, as check FILE and pin do, whatever the bytes", async () => {
    // Three-byte characters in the comments: the cut falls at the same character either way.
    const header = `# ${"é€".repeat(16 * 1024)}\n`;
    repo = await scratchRepo({
      "a/Dockerfile.sh": `${header}${"#\n".repeat(15 * 1024)}FROM debian:12\n`,
      "b/Dockerfile.sh": `${header}${"#\n".repeat(17 * 1024)}FROM debian:12\n`,
    });
    const found = await discoverFiles(repo.root);
    expect(found.dockerfiles).toEqual(["a/Dockerfile.sh"]);
    const a = await readFile(join(repo.root, "a/Dockerfile.sh"), "utf8");
    const b = await readFile(join(repo.root, "b/Dockerfile.sh"), "utf8");
    expect([isDockerfileText(a), isDockerfileText(b)]).toEqual([true, false]);
  });

  it.skipIf(process.getuid?.() === 0)(
    "lists one it cannot read, so the run says it was not checked",
    async () => {
      repo = await scratchRepo({ "Dockerfile.sh": DEBIAN });
      await chmod(join(repo.root, "Dockerfile.sh"), 0);
      expect((await discoverFiles(repo.root)).dockerfiles).toEqual(["Dockerfile.sh"]);
    },
  );
});
