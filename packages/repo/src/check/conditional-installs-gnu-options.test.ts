import { migrateDockerfile } from "@alpinize/dockerfile";
import { describe, expect, it } from "vitest";
import { checkedOptionLines } from "../../test/conditional-installs.js";

/** A GNU option after an install that a probe for the busybox applet guards, per tool. */
const GNU_CALLS: [probe: string, debianPackage: string, call: string][] = [
  ["grep", "grep", "grep -P x f"],
  ["sed", "sed", "sed -z s/a/b/ f"],
  ["find", "findutils", "find . -printf %p"],
  ["tar", "tar", "tar --sort=name -cf x ."],
  ["stat", "coreutils", "stat --printf=%s f"],
];
const DEBIAN_IMAGES = [
  "python:3.13-slim",
  "node:22-bookworm",
  "golang:1.24-bookworm",
  "ruby:3.4-slim",
  "php:8.4-cli",
  "debian:bookworm",
];

describe("a GNU option after an install the probe for busybox's applet skips", () => {
  // On Alpine `command -v grep` finds busybox's grep, so the install after || never runs.
  it.each(DEBIAN_IMAGES.flatMap((image) => GNU_CALLS.map((c) => [image, ...c] as const)))(
    "%s: command -v %s || install %s; %s",
    async (image, probe, pkg, call) => {
      const text = `FROM ${image}\nRUN command -v ${probe} || (apt-get update && apt-get install -y ${pkg}); ${call}\n`;
      const migrated = migrateDockerfile(text, { release: "3.23" });
      // migrate leaves a file alpinize check accepts, and one it has nothing more to change in.
      const lines = await checkedOptionLines(migrated.output);
      expect({ text: migrated.output, lines }).toMatchObject({ lines: [] });
      // As written before the fix, check fails it: the GNU tool comes only after ||.
      const unfixed = `FROM alpine:3.23\nRUN command -v ${probe} || (apk add --no-cache ${pkg}); ${call}\n`;
      expect(await checkedOptionLines(unfixed)).toEqual([2]);
      const again = migrateDockerfile(migrated.output, { release: "3.23" });
      expect({ changed: again.changed, left: again.debianToolsLeft }).toEqual({
        changed: false,
        left: [],
      });
    },
  );

  it("does not put the package in an apk add after a || either", async () => {
    const text =
      "FROM python:3.13-slim\nRUN command -v curl || (apt-get update && apt-get install -y curl); grep -P x f\n";
    const migrated = migrateDockerfile(text, { release: "3.23" });
    expect(migrated.output).toContain("(apk add --no-cache curl)");
    expect(await checkedOptionLines(migrated.output)).toEqual([]);
  });
});
