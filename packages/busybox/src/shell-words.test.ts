import { describe, expect, it } from "vitest";
import { SHELL_KEYWORDS } from "./index.js";

describe("SHELL_KEYWORDS", () => {
  it("holds the words that are never a command name, and no header word", () => {
    expect([...SHELL_KEYWORDS].sort()).toEqual(
      [
        "!",
        "do",
        "done",
        "elif",
        "else",
        "fi",
        "if",
        "then",
        "time",
        "until",
        "while",
        "{",
        "}",
      ].sort(),
    );
    for (const header of ["case", "for", "select", "in", "esac"])
      expect(SHELL_KEYWORDS.has(header)).toBe(false);
  });
});
