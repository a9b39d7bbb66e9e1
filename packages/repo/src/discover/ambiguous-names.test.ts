import { chmod } from "node:fs/promises";
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
  ])("%j → %s", (text, expected) => {
    expect(isDockerfileText(text)).toBe(expected);
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
    });
    const found = await discoverFiles(repo.root);
    expect(found.dockerfiles).toEqual([
      "Dockerfile.bak",
      "Dockerfile.bash",
      "Dockerfile.sh",
      "Dockerfile.txt",
    ]);
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
