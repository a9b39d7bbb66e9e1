import { describe, expect, it } from "vitest";
import { systemOption } from "./account-options.js";

/** Every word over `alphabet` up to `length` characters, then some whole spellings. */
function words(alphabet: readonly string[], length: number, whole: readonly string[]): string[] {
  let layer = [""];
  const out = [""];
  for (let n = 0; n < length; n++) {
    layer = layer.flatMap((w) => alphabet.map((c) => w + c));
    out.push(...layer);
  }
  return [...out, ...whole];
}

describe("option letters read without backtracking", () => {
  it("systemOption answers as the former expression", () => {
    const old = (a: string) => a === "--system" || /^-[A-Za-z]*S[A-Za-z]*$/.test(a);
    for (const w of words(["-", "S", "D", "s", "1", "."], 5, ["--system", "--systems"])) {
      expect([w, systemOption(w)]).toEqual([w, old(w)]);
    }
    expect(systemOption(`-${"S".repeat(100_000)}!`)).toBe(false);
  });
});
