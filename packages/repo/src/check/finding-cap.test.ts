import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";
import { FINDINGS_LISTED, findingCap } from "./finding-cap.js";
import { ECHOES_LISTED } from "./started-echo.js";
import type { Finding } from "./types.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const FROM = `FROM alpine:3.24@${DIGEST}`;

const at = (line: number, severity: Finding["severity"] = "warning"): Finding => ({
  file: "Dockerfile",
  line,
  rule: "echo-escapes",
  severity,
  message: "m",
});

describe("findings of a rule past the per-file count", () => {
  it("lists the first of each rule of a Dockerfile of many RUN lines and counts the rest in one", () => {
    const runs = FINDINGS_LISTED + 30;
    const text = `${FROM}\n${"RUN echo 'a\\tb'\n".repeat(runs)}`;
    const found = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
      (f) => f.rule === "echo-escapes",
    );
    expect(found).toHaveLength(FINDINGS_LISTED + 1);
    expect(found[FINDINGS_LISTED - 1]).toMatchObject({ line: FINDINGS_LISTED + 1, column: 5 });
    expect(found.at(-1)).toMatchObject({
      line: FINDINGS_LISTED + 2,
      column: 5,
      severity: "warning",
      more: 30,
      message: `30 more echo-escapes findings in this file (lines ${FINDINGS_LISTED + 2}-${runs + 1}), past the first ${FINDINGS_LISTED}: not listed one by one; fix the ones listed the same way (alpinize migrate rewrites what it can) and run check again`,
    });
  });

  it("counts a summary's own count and fails closed: an error left out makes the summary one", () => {
    const into: Finding[] = [];
    const cap = findingCap(into, 2);
    cap.add(at(1));
    cap.add({ ...at(2), more: ECHOES_LISTED });
    cap.add({ ...at(3), more: 7 });
    cap.add(at(4, "error"));
    cap.add(at(5));
    cap.close();
    expect(into.map((f) => [f.line, f.severity, f.more])).toEqual([
      [1, "warning", undefined],
      [2, "warning", ECHOES_LISTED],
      [3, "error", 9],
    ]);
  });
});
