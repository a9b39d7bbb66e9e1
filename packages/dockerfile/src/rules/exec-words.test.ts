import { describe, expect, it } from "vitest";
import { execWords } from "./exec-words.js";

describe("execWords", () => {
  it("decodes JSON strings and keeps where each character came from", () => {
    const text = '[ "sh", "-c", "a\\"b\\u0041\\n" ]';
    const words = execWords(text)!;
    expect(words.map((w) => w.value)).toEqual(["sh", "-c", 'a"bA\n']);
    const last = words[2]!;
    expect(last.start).toBe(text.indexOf('"a'));
    // Each decoded character points at its source: `a`, the `\"`, `b`, the `\u0041`, the `\n`.
    expect(last.at.map((i) => text[i])).toEqual(["a", "\\", "b", "\\", "\\"]);
    expect(text.slice(last.at[3]!, last.at[4]!)).toBe("\\u0041");
  });

  it("reads an empty array and refuses what is no JSON array of strings", () => {
    expect(execWords("[]")).toEqual([]);
    for (const bad of ['["a", 1]', '["a"', '["a"] x', 'x ["a"]', '["a\\q"]', '["a",]']) {
      expect(execWords(bad), bad).toBeUndefined();
    }
  });
});
