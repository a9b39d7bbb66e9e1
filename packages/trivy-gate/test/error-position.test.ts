import { describe, expect, it } from "vitest";
import { parseTrivyReport, parseVex } from "../src/index.js";
import { thrown } from "./helpers.js";

// The column of a JSON error counted UTF-8 bytes, so three `é` before the error put it three
// columns right of where an editor shows it. It counts UTF-16 code units now (what VS Code,
// JetBrains and LSP show); `offset` in the details stays the byte offset.

type Detailed = Error & { details?: Record<string, unknown> };
const reportError = (text: string | Buffer) =>
  thrown(() => parseTrivyReport(text, { source: "r.json" })) as Detailed;

describe("line and column of a JSON error", () => {
  it("multi-byte UTF-8 before the error counts one column per character", () => {
    const err = reportError('{"a":"ééé", x}');
    expect(err.message).toBe("r.json:1:13: not valid JSON: expected a property name, found 'x'");
    expect(err.details).toMatchObject({ line: 1, column: 13, offset: 15 });
  });

  it("a character outside the BMP (an emoji) is two columns, as editors count UTF-16", () => {
    expect(reportError('{"a":"😀", x}').message).toMatch(/^r\.json:1:12: /);
  });

  it("keeps the line, and counts the column from the error's own line", () => {
    const err = reportError('{\n  "a": "日本語",\n  "b": "ü", x\n}');
    expect(err.message).toMatch(/^r\.json:3:13: /);
  });

  it("a UTF-8 byte order mark, which editors hide, is no column", () => {
    expect(reportError(Buffer.from('\ufeff{"a": x}', "utf8")).message).toMatch(/^r\.json:1:7: /);
  });

  it("a duplicate key's position counts characters too", () => {
    const err = reportError('{"SchemaVersion":2,"ArtifactName":"ü","ArtifactName":"x"}');
    expect(err.message).toMatch(/^r\.json:1:39: /);
  });

  it("a VEX document's error counts characters", () => {
    const err = thrown(() => parseVex('{"author":"Jürgen", x}', "v.json"));
    expect(err.message).toContain("line 1, column 21");
  });
});
