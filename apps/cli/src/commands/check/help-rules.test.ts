import { RULE_IDS } from "@alpinize/repo";
import { describe, expect, it } from "vitest";
import { help } from "./index.js";

describe("alpinize check --help", () => {
  // The rule list in --help is written by hand; a rule added to @alpinize/repo must show up there.
  it("names every rule id the checker can report", () => {
    const listed = new Set(
      help.split("\n").map((line) => /^ {2}([a-z][a-z-]+) {2,}/.exec(line)?.[1]),
    );
    const missing = RULE_IDS.filter((id) => !listed.has(id));
    expect(missing).toEqual([]);
  });
});
