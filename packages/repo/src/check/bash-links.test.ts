import { describe, expect, it } from "vitest";
import { shToBash } from "./run-shell.js";
import { linksBash } from "./started-bash.js";

/** Words joined by blanks and separators, drawn by a fixed pseudo-random sequence (xorshift). */
function* lines(words: readonly string[], joins: readonly string[], count: number) {
  let seed = 11;
  const pick = <T>(from: readonly T[]): T => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return from[seed % from.length] as T;
  };
  for (let n = 0; n < count; n++) {
    let line = pick(words);
    for (let i = pick([1, 2, 3, 4, 5, 6, 7]); i > 0; i--) line += pick(joins) + pick(words);
    yield line;
  }
}

describe("ln of bash read once per word", () => {
  it("shToBash answers as \\bln\\s+(?:-\\S+\\s+)*\\S*\\bbash\\s+\\/bin\\/sh(?:\\s|$|;|&)", () => {
    const old = /\bln\s+(?:-\S+\s+)*\S*\bbash\s+\/bin\/sh(?:\s|$|;|&)/;
    const words = [
      "ln",
      "-sf",
      "-",
      "-ln",
      "bash",
      "/bin/bash",
      "xbash",
      "/bin/sh",
      "/bin/shx",
      "-bash",
    ];
    let yes = 0;
    for (const line of lines(words, [" ", " ", "\n", "", ";", "&"], 20_000)) {
      expect([line, shToBash(line)]).toEqual([line, old.test(line)]);
      if (old.test(line)) yes++;
    }
    expect(yes).toBeGreaterThan(100);
    expect(shToBash(`ln${" -ln".repeat(20_000)} x`)).toBe(false);
  });

  it("linksBash answers as \\bln\\s[^;&|\\n]*\\s\\/(?:usr\\/)?(?:local\\/)?bin\\/bash(?=\\s|$|;|&|\\|)", () => {
    const old = /\bln\s[^;&|\n]*\s\/(?:usr\/)?(?:local\/)?bin\/bash(?=\s|$|;|&|\|)/;
    const words = [
      "ln",
      "-sf",
      "/bin/sh",
      "/bin/bash",
      "/usr/local/bin/bash",
      "/bin/bashx",
      "busybox",
    ];
    let yes = 0;
    for (const line of lines(words, [" ", " ", "\n", "", ";", "&", "|"], 20_000)) {
      expect([line, linksBash(line)]).toEqual([line, old.test(line)]);
      if (old.test(line)) yes++;
    }
    expect(yes).toBeGreaterThan(300);
    expect(linksBash(`${"ln -s ".repeat(20_000)}x`)).toBe(false);
  });
});
