import { describe, expect, it } from "vitest";
import { trimChar, withoutFragment } from "./trim.js";

/** Every string over `alphabet` up to `length` characters. */
function strings(alphabet: readonly string[], length: number): string[] {
  let layer = [""];
  const out = [""];
  for (let n = 0; n < length; n++) {
    layer = layer.flatMap((w) => alphabet.map((c) => w + c));
    out.push(...layer);
  }
  return out;
}

describe("trimChar and withoutFragment", () => {
  it("give what the former expressions gave", () => {
    for (const s of strings(["-", "/", "a", "#", "\n", "\r"], 6)) {
      expect([s, trimChar(s, "-")]).toEqual([s, s.replace(/^-+|-+$/g, "")]);
      expect([s, trimChar(s, "/")]).toEqual([s, s.replace(/^\/+|\/+$/g, "")]);
      expect([s, withoutFragment(s)]).toEqual([s, s.replace(/#.*$/, "")]);
    }
  });

  it("read a long run that does not end the text", () => {
    const dashes = `${"-".repeat(200_000)}x`;
    expect(trimChar(dashes, "-")).toBe("x");
    expect(withoutFragment(`${"#".repeat(200_000)}\nx`)).toBe(`${"#".repeat(200_000)}\nx`);
  });
});
