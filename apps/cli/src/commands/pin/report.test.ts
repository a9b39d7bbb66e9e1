import { describe, expect, it } from "vitest";
import { type FileReport, reportToJson } from "./report.js";

const SECRET = "Zebra-S3cret-Pw-4711";
const written = `http://bob:${SECRET}@127.0.0.1:5000/team/app:1.0`;

function report(): FileReport {
  return {
    file: "Dockerfile",
    kind: "dockerfile",
    changes: [],
    unpinned: [{ reference: written, start: 0, end: 0, line: 1, where: "FROM" } as never],
    problems: [{ line: 2, where: "FROM", reference: written, error: new Error("bad reference") }],
    skipped: [{ line: 3, where: "FROM", reference: written, reason: "odd" }],
    warnings: [{ line: 4, where: "COPY --from", reference: written, message: "advice" }],
    pinned: 0,
    written: false,
  };
}

describe("pin --json report", () => {
  it("never carries the userinfo of a reference as written in the file", () => {
    const text = JSON.stringify(reportToJson(report()));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("bob:");
    // The rest of the reference stays, so the finding can still be located.
    expect(text).toContain("127.0.0.1:5000/team/app:1.0");
  });
});
