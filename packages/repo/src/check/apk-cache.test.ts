import { describe, expect, it } from "vitest";
import { scanCommands } from "../dockerfile/commands.js";
import { describeStages } from "../dockerfile/stages.js";
import { lastApkCacheRemoval } from "./apk-cache.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function noCache(...runs: string[]): number[] {
  const text = `FROM alpine:3.23@${DIGEST}\n${runs.map((r) => `RUN ${r}\n`).join("")}`;
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "apk-no-cache")
    .map((f) => f.line);
}

describe("apk-no-cache and a RUN that empties apk's cache", () => {
  it.each([
    ["apk add --update curl && rm -rf /var/cache/apk/*"],
    ["apk update && apk add curl && rm -rf /var/cache/apk/*"],
    ["apk add curl && rm -fr /var/cache/apk"],
    ["apk add curl && rm -r -f /var/cache/apk/"],
    ["apk add curl && rm -f /var/cache/apk/*"],
    ["apk add curl && rm --recursive --force /var/cache/apk"],
    ["apk add curl; rm -rf /tmp/* /var/cache/apk/* || true"],
    ["apk add curl && rm -rf /var/cache/*"],
    ["sh -c 'apk update && apk add curl' && rm -rf /var/cache/apk/*"],
  ])("is quiet for %s", (run) => {
    expect(noCache(run)).toEqual([]);
  });

  it("still fires when the rm comes first, misses the cache, or is in another RUN", () => {
    expect(noCache("rm -rf /var/cache/apk/* && apk add curl")).toEqual([2]);
    expect(noCache("apk add curl && rm -f /var/cache/apk")).toEqual([2]);
    expect(noCache("apk add curl && rm -rf /var/cache/apt/*")).toEqual([2]);
    expect(noCache("apk add curl", "rm -rf /var/cache/apk/*")).toEqual([2]);
    expect(noCache("apk add curl && rm -rf /var/cache/apk/* && apk add jq")).toEqual([2]);
  });
});

describe("lastApkCacheRemoval", () => {
  it("gives the last removal's index, -1 without one, and reads -- as the end of options", () => {
    expect(
      lastApkCacheRemoval(
        scanCommands("rm -rf /var/cache/apk/* && apk add a && rm -rf /var/cache/apk"),
      ),
    ).toBe(2);
    expect(lastApkCacheRemoval(scanCommands("apk add a"))).toBe(-1);
    expect(lastApkCacheRemoval(scanCommands("rm -- -r /var/cache/apk"))).toBe(-1);
  });
});
