// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { replaceVariables } from "./variables.js";

/** Texts of pieces drawn by a fixed pseudo-random sequence (xorshift). */
function* texts(pieces: readonly string[], count: number): Generator<string> {
  let seed = 31;
  const pick = <T>(from: readonly T[]): T => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return from[seed % from.length] as T;
  };
  for (let n = 0; n < count; n++) {
    let text = "";
    for (let i = 1 + pick([0, 1, 2, 3, 4, 5, 6, 7, 8]); i > 0; i--) text += pick(pieces);
    yield text;
  }
}

describe("replaceVariables", () => {
  it("replaces as the former expressions did", () => {
    const pieces = ["$", "{", "}", "${", "A", "_", "1", "x", ":", "-", "$$", "${X}", "\n"];
    let n = 0;
    const tag = (v: string) => `<${v}:${n++}>`;
    for (const text of texts(pieces, 30_000)) {
      n = 0;
      const mine = replaceVariables(text, /[A-Za-z_]\w*/y, tag);
      n = 0;
      expect([text, mine]).toEqual([text, text.replace(/\$\{[^}]*\}|\$[A-Za-z_]\w*/g, tag)]);
      n = 0;
      const short = replaceVariables(text, /\w+/y, tag);
      n = 0;
      expect([text, short]).toEqual([text, text.replace(/\$\{[^}]*\}|\$\w+/g, tag)]);
    }
  });

  it("reads a long word of ${ without a closing brace", () => {
    const word = "${".repeat(100_000);
    expect(replaceVariables(word, /\w+/y, () => "x")).toBe(word);
    expect(replaceVariables(`${word}}`, /\w+/y, () => "x")).toBe("x");
  });
});
