// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { drawnConcat, range } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { replaceVariables } from "./variables.js";

/** Texts of 1 to 9 pieces, drawn by a fixed pseudo-random sequence. */
const texts = (pieces: readonly string[], count: number) =>
  drawnConcat(31, pieces, range(1, 9), count);

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
