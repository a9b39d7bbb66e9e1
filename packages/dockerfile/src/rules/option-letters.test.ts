import { allWords } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { fixBrokenOption } from "./apt-install.js";
import { tarExtract } from "./gnu-stage.js";

describe("option letters read without backtracking", () => {
  it("fixBrokenOption answers as the former expression", () => {
    const old = /^(?:-f|--fix-broken|-\w*f\w*)$/;
    for (const w of allWords(["-", "f", "y", "1", "_", "."], 5, [
      "--fix-broken",
      "--fix-broken=",
    ])) {
      expect([w, fixBrokenOption(w)]).toEqual([w, old.test(w)]);
    }
    expect(fixBrokenOption(`-${"f".repeat(100_000)}!`)).toBe(false);
  });

  it("tarExtract answers as the former expression", () => {
    const old = /^(?:-?[a-zA-Z]*x[a-zA-Z]*|--extract|--get)$/;
    for (const w of allWords(["-", "x", "z", "X", "1", "."], 5, ["--extract", "--get", "--gets"])) {
      expect([w, tarExtract(w)]).toEqual([w, old.test(w)]);
    }
    expect(tarExtract(`-${"x".repeat(100_000)}!`)).toBe(false);
  });
});
