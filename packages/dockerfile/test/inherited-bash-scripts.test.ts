import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const BASH = '#!/bin/bash\nset -euo pipefail\narr=(a b)\necho "$#"\n';
const SH = '#!/bin/sh\nexec "$@"\n';

/** A build context: these paths are files, everything else (".", "app/") is not one. */
function context(files: Record<string, string>) {
  return (path: string) => files[path.replace(/^\.\//, "")];
}

const PARENT = "FROM debian:12-slim AS base\nCOPY app /app\n\n";

describe("a bash script a stage starts out of what a stage it is built FROM copied", () => {
  it("gets bash in the stage that starts it, with a warning there", () => {
    const r = migrate(`${PARENT}FROM base\nCMD ["/app/run.sh"]\n`, {
      readContextFile: context({ "app/run.sh": BASH }),
    });
    expect(r.output).toBe(
      'FROM alpine:3.23 AS base\nCOPY app /app\n\nFROM base\nRUN apk add --no-cache bash\nCMD ["/app/run.sh"]\n',
    );
    expect(r.warnings).toContainEqual(
      expect.objectContaining({
        rule: "shell",
        line: 5,
        message:
          "CMD starts app/run.sh (copied at line 2), which has a bash shebang: bash added (Alpine's /bin/sh is busybox ash)",
      }),
    );
  });

  it("two stages up, through PATH, and in the stage's own apk add before it", () => {
    const r = migrate(
      [
        "FROM debian:12-slim AS base",
        "COPY bin/ /usr/local/bin/",
        "FROM base AS mid",
        "RUN true",
        "FROM mid",
        "RUN apt-get update && apt-get install -y curl",
        'ENTRYPOINT ["start"]',
        "",
      ].join("\n"),
      { readContextFile: context({ "bin/start": BASH }) },
    );
    expect(r.output).toContain("RUN apk add --no-cache curl bash\n");
    expect(r.output.match(/bash/g)).toHaveLength(1);
  });

  it("a RUN that runs it by its path gets bash before it; one given to sh does not", () => {
    const files = { "app/run.sh": BASH };
    const r = migrate(`${PARENT}FROM base\nWORKDIR /app\nRUN ./run.sh --init\n`, {
      readContextFile: context(files),
    });
    expect(r.output).toBe(
      "FROM alpine:3.23 AS base\nCOPY app /app\n\nFROM base\nRUN apk add --no-cache bash\nWORKDIR /app\nRUN ./run.sh --init\n",
    );
    expect(r.warnings.find((w) => w.rule === "shell")).toMatchObject({
      line: 6,
      message:
        "RUN runs app/run.sh (copied at line 2), which has a bash shebang: bash added (Alpine's /bin/sh is busybox ash)",
    });
    const sh = migrate(`${PARENT}FROM base\nRUN sh /app/run.sh\n`, {
      readContextFile: context(files),
    });
    expect(sh.output).not.toContain("bash");
  });

  it("not for a script given to sh, a sh script, or when the parent has bash already", () => {
    const files = { "app/run.sh": BASH, "app/sh.sh": SH };
    const cases: [string, number][] = [
      [`${PARENT}FROM base\nCMD ["sh", "/app/run.sh"]\n`, 0],
      [`${PARENT}FROM base\nCMD ["/app/sh.sh"]\n`, 0],
      [
        'FROM debian:12-slim AS base\nRUN apt-get install -y bash\nCOPY app /app\n\nFROM base\nCMD ["/app/run.sh"]\n',
        1,
      ],
    ];
    for (const [text, installs] of cases) {
      const r = migrate(text, { readContextFile: context(files) });
      expect(r.output.match(/apk add --no-cache bash/g)?.length ?? 0).toBe(installs);
      expect(r.warnings.some((w) => /starts app\/run\.sh/.test(w.message))).toBe(false);
    }
  });
});
