import { describe, expect, it } from "vitest";
import { jsonErrorOffset, lineColumn } from "./json-position.js";

describe("jsonErrorOffset", () => {
  it("finds where JSON.parse would stop", () => {
    const cases: [string, number][] = [
      ['{"a":{"auth":YWxp"}}', 13],
      ['{"a":"x",}', 9],
      ['{"a":"x"', 8],
      ['{"a":"x\n"}', 7],
      ["[1, 2] x", 7],
      ['{"a":tru}', 5],
      ["", 0],
    ];
    for (const [text, offset] of cases) {
      expect(() => JSON.parse(text)).toThrow();
      expect(jsonErrorOffset(text), text).toBe(offset);
    }
  });

  it("accepts what JSON.parse accepts", () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"], "b": {}}';
    expect(jsonErrorOffset(text)).toBe(text.length);
  });

  it("gives line and column from 1", () => {
    expect(lineColumn('{\n  "a": x', 9)).toEqual({ line: 2, column: 8 });
  });
});
