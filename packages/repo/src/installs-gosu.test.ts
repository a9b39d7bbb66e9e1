import { drawnLines, range } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { installsGosu } from "./lint-script.js";

// The expression installsGosu replaced, quadratic on a long line of `apk add`: the oracle.
const OLD = /\bgosu\/releases\b|\bapk\s+add\b[^\n]*\sgosu\b|\/usr\/local\/bin\/gosu\b/;

/** Texts of words joined by 0 to 7 separators, drawn by a fixed pseudo-random sequence. */
const texts = (words: readonly string[], joins: readonly string[], count: number) =>
  drawnLines(7, words, joins, range(0, 7), count);

describe("installsGosu", () => {
  it.each([
    ["RUN apk add --no-cache gosu", true],
    ["RUN apk add --no-cache su-exec", false],
    ["RUN apk add \\\n  gosu", false],
    ["RUN apk add\ngosu", true],
    ["RUN apk  add curl gosu-x", true],
    ["RUN apk add curl mygosu", false],
    ["RUN curl -o /usr/local/bin/gosu https://x/gosu/releases/download/1.17/gosu-amd64", true],
  ])("%j is %j", (text, found) => {
    expect(installsGosu(text)).toBe(found);
    expect(OLD.test(text)).toBe(found);
  });

  it("answers as the former expression on many generated texts", () => {
    const words = ["apk", "add", "apk add", "gosu", "gosu", "gosu-x", "xgosu", "curl", "-y"];
    let yes = 0;
    for (const text of texts(words, [" ", " ", "  ", "", "\n", "\t", "\\\n"], 20_000)) {
      const found = installsGosu(text);
      expect([text, found]).toEqual([text, OLD.test(text)]);
      if (found) yes++;
    }
    expect(yes).toBeGreaterThan(1000);
  });

  it("reads a long line of apk add without gosu", () => {
    expect(installsGosu(`RUN${" apk add curl".repeat(20_000)}\nRUN gosu`)).toBe(false);
  });
});
