import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function aptFindings(from: string, run: string) {
  const text = `FROM ${from}@${DIGEST}\nRUN ${run}\n`;
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "apt-in-alpine")
    .map((f) => [f.line, f.severity, f.message]);
}

describe("apt-in-alpine for a RUN sh cannot read", () => {
  it("flags apt-get behind a quote never closed, which the command scan reads as text", () => {
    expect(aptFindings("alpine:3.23", 'echo "oops && apt-get install -y curl')).toEqual([
      [
        2,
        "error",
        expect.stringMatching(/^apt-get in Alpine stage 0, in a RUN sh cannot read \(unterminated/),
      ],
    ]);
  });

  it("says nothing when the RUN reads, or names apt only in a path", () => {
    expect(aptFindings("alpine:3.23", 'echo "apt-get is Debian\'s"')).toEqual([]);
    expect(aptFindings("alpine:3.23", 'echo "x && rm -rf /var/lib/apt/lists/*')).toEqual([]);
  });

  it("leaves Debian stages alone", () => {
    expect(aptFindings("debian:12", 'echo "oops && apt-get install -y curl')).toEqual([]);
  });
});
