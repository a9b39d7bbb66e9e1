import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fifoWriter } from "@alpinize/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { checkTargets } from "./run.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

const SCRIPT = '#!/bin/sh\ngroupadd app\nexec "$@"\n';
const DOCKERFILE = "FROM alpine:3.24\nRUN systemctl enable x\n";

function run(path: string) {
  return checkTargets([{ path, kind: "file" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo!.root,
  });
}

describe("a named input whose name does not say what it is", () => {
  it("is a script when its first line is #!, read once from a pipe", async () => {
    repo = await scratchRepo({});
    const fifo = join(repo.root, "fd");
    execFileSync("mkfifo", [fifo]);
    const writer = fifoWriter(fifo, SCRIPT);
    const result = await run(fifo);
    await writer.written;
    expect(result.unparsable).toEqual([]);
    expect(result.findings.map((f) => `${f.line}:${f.rule}`)).toEqual(["2:entrypoint-lint"]);
    expect(result.findings[0]?.message).toMatch(/groupadd/);
  });

  it("is a script when a regular file without a script name starts with #!", async () => {
    repo = await scratchRepo({ start: SCRIPT });
    const result = await run(join(repo.root, "start"));
    expect(result.files).toEqual(["start"]);
    expect(result.findings.map((f) => `${f.line}:${f.rule}`)).toEqual(["2:entrypoint-lint"]);
  });

  it("is a Dockerfile otherwise, from a pipe or a file", async () => {
    repo = await scratchRepo({ build: DOCKERFILE });
    const fifo = join(repo.root, "fd");
    execFileSync("mkfifo", [fifo]);
    const writer = fifoWriter(fifo, DOCKERFILE);
    const piped = await run(fifo);
    await writer.written;
    const file = await run(join(repo.root, "build"));
    for (const result of [piped, file]) {
      expect(result.unparsable).toEqual([]);
      expect(result.findings.filter((f) => f.severity === "error").map((f) => f.rule)).toEqual([
        "init-system",
      ]);
    }
  });

  it("is reported unreadable, once, when it cannot be read", async () => {
    repo = await scratchRepo({});
    const result = await run(join(repo.root, "gone"));
    expect(result.files).toEqual(["gone"]);
    expect(result.unparsable.map((u) => u.file)).toEqual(["gone"]);
  });
});
