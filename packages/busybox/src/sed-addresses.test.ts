import { drawnConcat, range } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { stepAddress, zeroAddress } from "./values.js";

// The expressions these replaced, quadratic on a long run of line breaks: the oracles.
const OLD_ZERO = /(?:^|[;{}\n]\s*)0,[/\\]/;
const OLD_STEP = /(?:^|[;{}\n])\s*(?:\d+~\d+|(?:\d+|\$|\/(?:[^/\\\n]|\\.)*\/)\s*,\s*~\d+)/;

/** Scripts of 1 to 8 pieces, drawn by a fixed pseudo-random sequence. */
const scripts = (pieces: readonly string[], count: number) =>
  drawnConcat(3, pieces, range(1, 8), count);

const PIECES = [
  "0,",
  "/",
  "\\",
  "1~2",
  "~",
  "2",
  ",",
  "$",
  "/a/",
  "/a\\/b/",
  ";",
  "{",
  "}",
  "\n",
  " ",
  "\t",
  "d",
  "p",
];

describe("sed addresses read without rescanning blanks", () => {
  it("zeroAddress answers as the former expression", () => {
    let yes = 0;
    for (const script of scripts(PIECES, 30_000)) {
      expect([script, zeroAddress(script)]).toEqual([script, OLD_ZERO.test(script)]);
      if (OLD_ZERO.test(script)) yes++;
    }
    expect(yes).toBeGreaterThan(300);
    expect(zeroAddress(`${"\n".repeat(100_000)}x0,/`)).toBe(false);
  });

  it("stepAddress finds what the former expression found, without its separator and blanks", () => {
    let yes = 0;
    for (const script of scripts(PIECES, 30_000)) {
      const old = OLD_STEP.exec(script)?.[0].replace(/^[;{}\n]?\s*/, "");
      expect([script, stepAddress(script)]).toEqual([script, old]);
      if (old !== undefined) yes++;
    }
    expect(yes).toBeGreaterThan(300);
    expect(stepAddress(`${"\n".repeat(100_000)}x1~2`)).toBeUndefined();
    expect(stepAddress("1~2d")).toBe("1~2");
    expect(stepAddress("p; /x/,~4d")).toBe("/x/,~4");
  });
});
