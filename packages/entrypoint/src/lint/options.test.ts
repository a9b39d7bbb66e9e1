import { describe, expect, it } from "vitest";
import { lintEntrypoint } from "./lint.js";
import { optionWordText } from "./options.js";

const gnu = (script: string) =>
  lintEntrypoint(`#!/bin/sh\n${script}\n`)
    .filter((f) => f.rule === "gnu-option")
    .map((f) => `${f.column} ${f.message}; ${f.fix}`);

// The lint reads @alpinize/busybox's tables, which were measured against musl busybox: the
// options migrate adds coreutils for are lint errors too, and a wrapper's options end at the
// command it runs.
describe("gnu-option from the shared busybox tables", () => {
  it("flags the coreutils options migrate knows, with the busybox spelling", () => {
    expect(gnu("rm --recursive /tmp/x")).toEqual(["4 busybox rm has no --recursive; use -r"]);
    expect(gnu("sort --human-numeric-sort f")).toEqual([
      "6 busybox sort has no --human-numeric-sort; drop it, or do without it under busybox",
    ]);
  });

  it("names the option of a --name=VALUE word whose value is a glob or an expansion", () => {
    expect(gnu("grep --exclude=*.md x d")).toEqual([
      "6 busybox grep has no --exclude; combine find with grep",
    ]);
    expect(gnu("grep -r --include=*.sh x d")).toEqual([
      "9 busybox grep has no --include; combine find -name with grep",
    ]);
    expect(gnu('grep -r --include="$ext" --exclude-dir=.[a-z]* x d')).toHaveLength(2);
    // The value stays unknown: an expanded date is not judged, a glob one is as written.
    expect(gnu('date --date="$when" +%s')).toEqual([]);
    expect(gnu("grep -r *.sh d")).toEqual([]);
    expect(optionWordText("--include=*.sh")).toBe("--include=*.sh");
    expect(optionWordText("--x=$y")).toBe("--x=$y");
    expect(optionWordText("-d$y")).toBeUndefined();
    expect(optionWordText("*.sh")).toBeUndefined();
  });

  it("flags wget, tail and touch options Alpine's busybox refuses, with the package", () => {
    expect(gnu("wget -q --show-progress -O x https://h/")).toEqual([
      expect.stringMatching(/^9 busybox wget has no --show-progress; drop it: /),
    ]);
    expect(gnu("tail --pid=1 -f f")).toEqual([
      "6 busybox tail has no --pid; drop it, or do without it under busybox",
    ]);
    expect(gnu("touch -d '1 hour ago' f")).toEqual([
      expect.stringMatching(/^7 busybox touch -d cannot parse "1 hour ago"/),
    ]);
  });

  it("reads the options of timeout only up to its command", () => {
    expect(gnu("timeout 5 ls -v")).toEqual([]);
    expect(gnu("timeout -v 5 true")).toEqual([
      "9 busybox timeout has no -v; drop it, or do without it under busybox",
    ]);
  });

  it("flags date -d forms busybox cannot parse, not only relative phrases", () => {
    expect(gnu("date -d 2024-01-02T10:00:00 +%s")).toEqual([
      expect.stringMatching(/^6 busybox date -d cannot parse "2024-01-02T10:00:00"/),
    ]);
    expect(gnu("date -d '2024-01-02 10:00:00' +%s")).toEqual([]);
  });

  it("takes date --reference, which busybox date has", () => {
    expect(gnu("date --reference=/etc/hostname +%s")).toEqual([]);
  });
});
