import { allWords } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { systemOption } from "./account-options.js";

describe("option letters read without backtracking", () => {
  it("systemOption answers as the former expression", () => {
    const old = (a: string) => a === "--system" || /^-[A-Za-z]*S[A-Za-z]*$/.test(a);
    for (const w of allWords(["-", "S", "D", "s", "1", "."], 5, ["--system", "--systems"])) {
      expect([w, systemOption(w)]).toEqual([w, old(w)]);
    }
    expect(systemOption(`-${"S".repeat(100_000)}!`)).toBe(false);
  });
});
