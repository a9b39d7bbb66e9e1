import { describe, expect, it } from "vitest";
import type { ContextFileRead } from "../src/index.js";
import { migrate } from "./helpers.js";

const BASH = '#!/bin/bash\nset -e\necho "[[ x ]]"\n';
const OUTSIDE = { skipped: "outside-context" } as const;

/** A build context: these paths hold a file, or are links the reader refused. */
function context(files: Record<string, ContextFileRead>) {
  return (path: string) => files[path.replace(/^\.\//, "")];
}

const contextWarnings = (text: string, files: Record<string, ContextFileRead>) =>
  migrate(text, { readContextFile: context(files) }).warnings.filter((w) => w.rule === "context");

describe("a COPYed file the reader refused as a link out of the build context", () => {
  it("is warned at the COPY (line and column), by its name in the context, with what to do", () => {
    const text = "FROM debian:12\nRUN apt-get update\n  COPY run.sh /run.sh\nRUN /run.sh\n";
    const read = migrate(text, { readContextFile: context({ "run.sh": BASH }) });
    // Read, the bash script gets bash; refused, nothing is known of it, and that is said.
    expect(read.output).toContain("apk add --no-cache bash");
    const refused = migrate(text, { readContextFile: context({ "run.sh": OUTSIDE }) });
    expect(refused.output).not.toContain("bash");
    const warnings = refused.warnings.filter((w) => w.rule === "context");
    expect(warnings.map((w) => [w.line, w.column])).toEqual([[3, 3]]);
    expect(warnings[0]!.message).toMatch(
      /^run\.sh leads outside the build context through a link .*did not read it.*docker build stops at this COPY.*put the real file in the build context in place of the link, then run alpinize again$/,
    );
    expect(read.warnings.filter((w) => w.rule === "context")).toEqual([]);
  });

  it("in a copied folder, when the image runs it: the link itself is copied, dangling", () => {
    const text = 'FROM debian:12\nCOPY . /app\nRUN /app/tools/setup.sh\nCMD ["/app/other.sh"]\n';
    const warnings = contextWarnings(text, {
      "tools/setup.sh": OUTSIDE,
      "other.sh": OUTSIDE,
      "unused.sh": OUTSIDE,
    });
    expect(warnings.map((w) => [w.line, w.message.split(",")[0]])).toEqual([
      [2, "tools/setup.sh"],
      [2, "other.sh"],
    ]);
    expect(warnings[0]!.message).toContain("the image gets a dangling link");
  });

  it("on a stage already on Alpine too, once per COPY and source", () => {
    const text = "FROM alpine:3.23\nCOPY a.sh b.sh /usr/local/bin/\nRUN a.sh && a.sh && b.sh\n";
    const warnings = contextWarnings(text, { "a.sh": OUTSIDE, "b.sh": BASH });
    expect(warnings.map((w) => w.message.split(" ")[0])).toEqual(["a.sh"]);
  });

  it("quotes a long name cut at 200 characters", () => {
    const long = `${"d/".repeat(300)}run.sh`;
    const [w] = contextWarnings(`FROM debian:12\nCOPY ${long} /run.sh\n`, { [long]: OUTSIDE });
    expect(w!.message.startsWith(`${long.slice(0, 200)}… leads outside`)).toBe(true);
    expect(w!.message).not.toContain("\n");
  });
});

describe("a program a stage starts from a folder a stage it is built FROM copied", () => {
  const text = (cmd: string) =>
    `FROM debian:12 AS base\nCOPY . /app\nFROM base AS mid\nRUN true\nFROM mid\n${cmd}\n`;

  it("is warned at that COPY when it leads out of the build context, once", () => {
    const files = { "pkg/own.sh": OUTSIDE, "pkg/other.sh": OUTSIDE };
    for (const cmd of ['CMD ["/app/pkg/own.sh"]', "ENTRYPOINT /app/pkg/own.sh"]) {
      const warnings = contextWarnings(text(cmd), files);
      expect(warnings.map((w) => [w.line, w.column, w.message.split(",")[0]])).toEqual([
        [2, 1, "pkg/own.sh"],
      ]);
      expect(warnings[0]!.message).toContain("the image gets a dangling link");
    }
    // WORKDIR carries over: a relative path is looked up where the stage starts.
    const relative =
      'FROM debian:12 AS base\nWORKDIR /app\nCOPY pkg pkg\nFROM base\nCMD ["pkg/own.sh"]\n';
    expect(contextWarnings(relative, files).map((w) => w.line)).toEqual([3]);
  });

  it("says nothing of a file that is there, or of one no stage starts", () => {
    expect(contextWarnings(text('CMD ["/app/pkg/own.sh"]'), { "pkg/own.sh": BASH })).toEqual([]);
    expect(contextWarnings(text('CMD ["/app/pkg/none.sh"]'), { "pkg/own.sh": OUTSIDE })).toEqual(
      [],
    );
  });
});
