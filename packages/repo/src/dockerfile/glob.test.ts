import { describe, expect, it } from "vitest";
import { globMatches } from "./glob.js";

/** The expression isIgnoredImage built before: kept as the oracle on short texts. */
function oldGlob(pattern: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${pattern.split("*").map(literal).join(".*")}$`);
}

/** Every string over `alphabet` up to `length` long. */
function* strings(alphabet: readonly string[], length: number): Generator<string> {
  yield "";
  if (length === 0) return;
  for (const shorter of strings(alphabet, length - 1)) {
    if (shorter.length === length - 1) for (const c of alphabet) yield shorter + c;
  }
}

describe("globMatches", () => {
  it.each([
    ["debian", "debian", true],
    ["debian", "debian:12", false],
    ["debian:bookworm*", "debian:bookworm-slim", true],
    ["debian:bookworm*", "debian:trixie", false],
    ["*/cuda", "nvidia/cuda", true],
    ["nvidia/*:12*", "nvidia/cuda:12.4.1-runtime", true],
    ["a*b*a", "aba", true],
    ["ab*ba", "aba", false],
    ["*", "", true],
    ["**", "x", true],
    ["a.b", "axb", false],
    ["*", "a\nb", false],
    ["a*\nb", "ax\nb", true],
  ])("%j against %j is %j", (pattern, text, matches) => {
    expect(globMatches(pattern, text)).toBe(matches);
    expect(oldGlob(pattern).test(text)).toBe(matches);
  });

  it("agrees with the former expression on every short pattern and text", () => {
    const patterns = [...strings(["a", "b", "*", "\n"], 5)];
    const texts = [...strings(["a", "b", "\n"], 6)];
    // One expect over the disagreements: 750,000 expect calls took over a minute on a loaded CI machine.
    const disagreements: [string, string, boolean][] = [];
    for (const pattern of patterns) {
      const old = oldGlob(pattern);
      for (const text of texts) {
        const matches = globMatches(pattern, text);
        if (matches !== old.test(text)) disagreements.push([pattern, text, matches]);
      }
    }
    expect(disagreements).toEqual([]);
    expect(patterns.length * texts.length).toBeGreaterThan(700_000);
  });

  it("answers for many stars against a long name that nearly matches", () => {
    const pattern = `${"*a".repeat(25)}*b`;
    expect(globMatches(pattern, "a".repeat(60))).toBe(false);
    expect(globMatches(pattern, `${"a".repeat(60)}b`)).toBe(true);
  });
});
