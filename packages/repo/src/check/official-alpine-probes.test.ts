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

/** The lines `alpinize check` reports busybox-option on for a one-RUN Dockerfile on `image`. */
async function optionLines(image: string, run: string): Promise<number[]> {
  repo = await scratchRepo({ Dockerfile: `FROM ${image}\nRUN ${run}\n` });
  const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
  return result.findings.filter((f) => f.rule === "busybox-option").map((f) => f.line);
}

// The official -alpine images are built FROM alpine and ship its busybox: `command -v grep`
// finds busybox's grep there, so a stretch after || never installs GNU grep, one after && does.
describe("a probe for a busybox program on an official -alpine image", () => {
  it.each([
    ["python:3.13-alpine", "command -v grep || apk add --no-cache grep", [2]],
    ["node:22-alpine", "command -v grep || apk add --no-cache grep", [2]],
    ["golang:1.24-alpine3.21", "if command -v grep; then :; else apk add --no-cache grep; fi", [2]],
    ["ruby:3.4-alpine", "command -v grep | grep -q . || apk add --no-cache grep", [2]],
    ["php:8.4-cli-alpine", "command -v grep || apk add --no-cache grep", [2]],
    ["python:3.13-alpine", "command -v grep && apk add --no-cache grep", []],
    ["node:22-alpine", "command -v grep && apk add --no-cache grep", []],
    ["golang:1.24-alpine", "command -v grep >/dev/null && apk add --no-cache grep", []],
    ["ruby:3.4-alpine", "command -v grep && apk add --no-cache grep", []],
    ["php:8.4-alpine", "command -v grep | grep -q . && apk add --no-cache grep", []],
  ])("on %s: %s; grep -P", async (image, install, lines) => {
    expect(await optionLines(image, `${install}; grep -P x /etc/hosts`)).toEqual(lines);
  });
});
