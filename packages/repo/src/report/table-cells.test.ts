import { describe, expect, it } from "vitest";
import type { FilePlan } from "../plan/types.js";
import { decodeText } from "../workspace/text-bytes.js";
import { cell, code, codeCell, prose } from "./markdown-utils.js";
import { dockerfileSection } from "./sections.js";

describe("code spans in table cells", () => {
  it("escapes the pipe so the row keeps its columns", () => {
    expect(codeCell("a|b")).toBe("`a\\|b`");
    expect(codeCell("x`y|z")).toBe("``x`y\\|z``");
  });

  it("keeps a path with a newline or an escape character on one line, escaped", () => {
    expect(code("we\nird\u001b/Dockerfile")).toBe("`we\\x0aird\\x1b/Dockerfile`");
    expect(codeCell("a\tb|c")).toBe("`a\\x09b\\|c`");
    expect(prose("x\ny: binary file")).toBe("x\\x0ay: binary file");
  });

  it("shows a byte of a file that is not UTF-8 as \\xNN, valid UTF-8 as itself", () => {
    const text = decodeText(
      Buffer.concat([Buffer.from("libfoo-r\xe9 ", "latin1"), Buffer.from("café")]),
    );
    expect(prose(text)).toBe("libfoo-r\\xe9 café");
    expect(code(text)).toBe("`libfoo-r\\xe9 café`");
    expect(cell(text)).toBe("libfoo-r\\xe9 café");
  });

  it("keeps every package row at six cells", () => {
    const file = {
      file: "Dockerfile",
      kind: "dockerfile",
      before: "",
      after: "x",
      changed: true,
      warnings: [],
      stagesBefore: [],
      stagesAfter: [],
      result: {
        output: "x",
        changed: true,
        release: "3.23",
        warnings: [],
        images: [],
        packages: [
          {
            line: 2,
            tool: "apt",
            debian: "$(cat list | tr x y)",
            written: ["a|b"],
            kind: "unknown",
            reason: "kept | flagged",
          },
        ],
      },
    } as unknown as FilePlan;
    const row = dockerfileSection(file).find((l) => l.startsWith("| 2 "));
    // A GFM row of six cells has seven unescaped pipes, so eight pieces.
    expect(row?.split(/(?<!\\)\|/).length).toBe(8);
  });
});
