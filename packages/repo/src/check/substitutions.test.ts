import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const DIGEST = `sha256:${"a".repeat(64)}`;

function findings(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).map(
    (f) => `${f.line}:${f.rule}`,
  );
}

describe("check and command substitutions in a RUN", () => {
  it("reads a word after an unquoted $(…) or backquotes as an argument, not a command", () => {
    const text = [
      `FROM alpine:3.24@${DIGEST}`,
      "RUN apk add --no-cache $(cat /tmp/p) bash",
      "RUN echo $(date) useradd",
      "RUN echo `date` apt-get",
      "RUN echo $((1+2)) groupadd",
      'CMD ["bash"]',
      "",
    ].join("\n");
    expect(findings(text)).toEqual([]);
  });

  it("still reports what a substitution runs, on the line it is written on", () => {
    const text = [
      `FROM alpine:3.24@${DIGEST}`,
      "RUN x=$(useradd foo)",
      'RUN echo "$(true \\',
      '      && groupadd g)" `\\',
      "      apt-get -v`",
      "",
    ].join("\n");
    expect(findings(text)).toEqual([
      "2:shadow-user-commands",
      "4:shadow-user-commands",
      "5:apt-in-alpine",
    ]);
  });
});
