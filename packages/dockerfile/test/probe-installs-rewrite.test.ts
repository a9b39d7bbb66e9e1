import { describe, expect, it } from "vitest";
import { type MigrateResult, migrateDockerfile } from "../src/index.js";
import { packageMap } from "./helpers.js";

const options = { packageMap: packageMap("3.23"), release: "3.23" };

/** Migrates for 3.23 and checks that a second run (`--check` on the output) has nothing to do. */
function migrate(lines: readonly string[]): MigrateResult {
  const result = migrateDockerfile(`${lines.join("\n")}\n`, options);
  const again = migrateDockerfile(result.output, options);
  expect(again.output).toBe(result.output);
  expect(again.debianToolsLeft).toEqual([]);
  expect(result.debianToolsLeft).toEqual([]);
  return result;
}

const runLines = (r: MigrateResult) => r.output.split("\n").filter((l) => l.startsWith("RUN"));

describe("an install a probe keeps from running does not keep shadow's or dpkg's calls", () => {
  it("a Debian stage: useradd after `command -v useradd && install` becomes busybox adduser", () => {
    const r = migrate([
      "FROM debian:12",
      "RUN apt-get update && apt-get install -y curl",
      "RUN command -v useradd >/dev/null && apt-get install -y passwd; useradd -m app",
    ]);
    expect(runLines(r)[1]).toMatch(/; adduser -D app$/);
  });

  it("an Alpine stage: useradd and dpkg the install does not reach are rewritten", () => {
    const r = migrate([
      "FROM alpine:3.23",
      "RUN apk add --no-cache curl",
      "RUN command -v useradd >/dev/null && apk add --no-cache shadow; useradd -m app",
      'RUN if [ "$X" = 1 ]; then apk add --no-cache shadow; fi; groupadd g',
      "RUN apk add --no-cache shadow && apk del shadow && useradd b",
      "RUN command -v dpkg && apk add --no-cache dpkg; dpkg --print-architecture > /arch",
    ]);
    const [, user, group, deleted, arch] = runLines(r);
    expect(user).toMatch(/; adduser -D app$/);
    expect(group).toMatch(/; addgroup g$/);
    expect(deleted).toMatch(/ && adduser -D -H b$/);
    expect(arch).toMatch(/; apk --print-arch \| sed .* > \/arch$/);
  });

  it("one the install reaches stays as written", () => {
    const lines = [
      "FROM alpine:3.23",
      "RUN command -v useradd >/dev/null || apk add --no-cache shadow; useradd -m app",
      "RUN apk add --no-cache dpkg shadow && groupadd g && dpkg --print-architecture > /arch",
      "RUN while ! command -v usermod; do apk add --no-cache shadow; done; usermod -aG g app",
    ];
    expect(migrate(lines).output).toBe(`${lines.join("\n")}\n`);
  });
});
