import { migrateDockerfile } from "@alpinize/dockerfile";
import { describe, expect, it } from "vitest";
import {
  ADD,
  checkLines,
  file,
  leftAsWritten,
  stageFindings,
} from "../../test/conditional-installs.js";

describe("a Debian tool whose failure a || catches", () => {
  // On Alpine the call does nothing and the build goes on: check warns, migrate --check does not fail.
  it.each([
    `RUN command -v useradd && ${ADD}; useradd -Z x app || true`,
    `RUN command -v useradd && ${ADD}; useradd -Z x app && echo made || echo none`,
    `RUN command -v useradd && ${ADD}; sh -c 'useradd -Z x app' || :`,
  ])("%s", (run) => {
    const text = file(run);
    expect(leftAsWritten(text)).toEqual([]);
    expect(checkLines(text)).toEqual([]);
    expect(stageFindings(text).filter((f) => f.rule === "shadow-user-commands")).toMatchObject([
      { line: 2, severity: "warning" },
    ]);
    const migrated = migrateDockerfile(text, { release: "3.23" });
    expect(migrated.debianToolsLeft).toEqual([]);
    expect(migrated.changed).toBe(false);
    expect(migrated.warnings.some((w) => w.message.includes("useradd"))).toBe(true);
  });

  it("warns at one no rule warns at, saying the build goes on without it", () => {
    const migrated = migrateDockerfile(file("RUN dpkg-query -W x || true"), { release: "3.23" });
    expect(migrated.debianToolsLeft).toEqual([]);
    expect(migrated.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining(
        "dpkg-query is a Debian tool this Alpine stage does not have installed when this call runs, so it fails here and the || after it lets the build go on",
      ),
    );
  });

  it("still counts one that nothing catches", () => {
    const text = file(`RUN command -v useradd && ${ADD}; useradd -Z x app; true`);
    expect(leftAsWritten(text)).toEqual([2]);
    expect(migrateDockerfile(text, { release: "3.23" }).debianToolsLeft).toHaveLength(1);
  });
});

describe("a Debian tool before a pipe", () => {
  // busybox sh has no pipefail by default: the pipeline's status is its last command's.
  it.each(["RUN useradd -Z x app | true", "RUN useradd -Z x app | cat"])("%s", (run) => {
    const text = file(run);
    expect(leftAsWritten(text)).toEqual([]);
    expect(checkLines(text)).toEqual([]);
  });

  it.each([
    ["RUN useradd -Z x app | grep -q x"],
    ['SHELL ["/bin/sh", "-o", "pipefail", "-c"]', "RUN useradd -Z x app | true"],
    ["RUN set -o pipefail; useradd -Z x app | true"],
  ])("still counts one whose failure fails the pipeline: %s", (...lines) => {
    const text = file(...lines);
    const line = lines.length + 1;
    expect(leftAsWritten(text)).toEqual([line]);
    expect(checkLines(text)).toEqual([line]);
  });
});
