import { drawnLines, range } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { shToBash } from "./run-shell.js";
import { linksBash } from "./started-bash.js";

/** Words joined by 1 to 7 blanks and separators, drawn by a fixed pseudo-random sequence. */
const lines = (words: readonly string[], joins: readonly string[], count: number) =>
  drawnLines(11, words, joins, range(1, 7), count);

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
