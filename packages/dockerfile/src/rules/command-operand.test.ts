import { describe, expect, it } from "vitest";
import { picker } from "../../test/support/picker.js";
import { chownsGroup } from "./php-fpm-pool.js";
import { linksLocaltime } from "./zoneinfo-reconfigure.js";

/** Words joined by blanks and separators, drawn by a fixed pseudo-random sequence (xorshift). */
function* lines(words: readonly string[], count: number): Generator<string> {
  const pick = picker(5);
  for (let n = 0; n < count; n++) {
    let line = pick(words);
    for (let i = pick([1, 2, 3, 4, 5, 6, 7]); i > 0; i--)
      line += pick([" ", " ", "  ", "\n", ""]) + pick(words);
    yield line;
  }
}

describe("command then options then an operand, read once per word", () => {
  it("linksLocaltime answers as \\bln\\s+(?:-\\S+\\s+)*\\S+\\s+\\/etc\\/localtime\\b", () => {
    const old = /\bln\s+(?:-\S+\s+)*\S+\s+\/etc\/localtime\b/;
    const words = [
      "ln",
      "-sf",
      "-s",
      "-",
      "-ln",
      "/usr/share/zoneinfo/UTC",
      "/etc/localtime",
      "/etc/localtimex",
      ";",
    ];
    let yes = 0;
    for (const line of lines(words, 20_000)) {
      expect([line, linksLocaltime(line)]).toEqual([line, old.test(line)]);
      if (old.test(line)) yes++;
    }
    expect(yes).toBeGreaterThan(500);
    expect(linksLocaltime(`ln${" -ln".repeat(20_000)} x`)).toBe(false);
  });

  it("chownsGroup answers as the chown/chgrp www-data expression", () => {
    const old =
      /\bchown\s+(?:-\S+\s+)*[^\s:.]*[:.]www-data(?=\s|$)|\bchgrp\s+(?:-\S+\s+)*www-data(?=\s|$)/;
    const words = [
      "chown",
      "chgrp",
      "-R",
      "-",
      "-chown",
      "www-data",
      ":www-data",
      "a:www-data",
      "a.b:www-data",
      "www-data:www-data",
      "x",
    ];
    let yes = 0;
    for (const line of lines(words, 20_000)) {
      expect([line, chownsGroup(line)]).toEqual([line, old.test(line)]);
      if (old.test(line)) yes++;
    }
    expect(yes).toBeGreaterThan(500);
    expect(chownsGroup(`chown${" -chown".repeat(20_000)} x`)).toBe(false);
  });
});
