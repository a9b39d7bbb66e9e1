import { describe, expect, it } from "vitest";
import { parseTrivyReport } from "./report.js";

// A tester's report with SchemaVersion 1e999 was said to have "schema version null".

const message = (text: string) => {
  try {
    parseTrivyReport(text, { source: "r.json" });
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("nothing thrown");
};

describe("an unsupported SchemaVersion is shown as found", () => {
  it.each([
    [
      "1e999",
      "r.json: SchemaVersion: unsupported schema version: a number out of range, such as 1e999 (expected 2)",
    ],
    [
      "-1e999",
      "r.json: SchemaVersion: unsupported schema version: a number out of range, such as 1e999 (expected 2)",
    ],
    ["3", "r.json: SchemaVersion: unsupported schema version 3 (expected 2)"],
    ['"2"', 'r.json: SchemaVersion: unsupported schema version "2" (expected 2)'],
    ["null", "r.json: SchemaVersion: unsupported schema version null (expected 2)"],
  ])("%s", (version, expected) => {
    expect(message(`{"SchemaVersion":${version},"Results":[]}`)).toBe(expected);
  });

  it("a long value is cut", () => {
    const shown = message(`{"SchemaVersion":{"a":"${"x".repeat(200)}"},"Results":[]}`);
    expect(shown.length).toBeLessThan(120);
    expect(shown).toContain("…");
  });
});
