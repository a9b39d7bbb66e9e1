import { describe, expect, it } from "vitest";
import { detectRisks } from "./detect.js";

const evidence = (text: string) =>
  Object.fromEntries(
    detectRisks([{ file: "Dockerfile", kind: "dockerfile", text }]).map((r) => [
      r.id,
      r.evidence.map((e) => e.line),
    ]),
  );

// `migrate DIR` on the corpus pairs listed `bash \` lines of apk add package lists under
// Shells, and `gosu \` ones under privilege drop: installing a package runs nothing.
describe("a continued line of a command's words is no command", () => {
  it("names in a package list continued over lines are operands", () => {
    const text = [
      "FROM alpine:3.23",
      "RUN apk add --no-cache \\",
      "    ca-certificates \\",
      "    bash \\",
      "    gosu \\",
      "    tzdata",
      "",
    ].join("\n");
    expect(evidence(text).shells).toBeUndefined();
    expect(evidence(text)["privilege-drop"]).toBeUndefined();
  });

  it("a line after &&, ;, |, then or a bare RUN \\ starts a command, and is still found", () => {
    const text = [
      "FROM alpine:3.23",
      "RUN set -eux; \\",
      "    gosu nobody true; \\",
      "    apk add --no-cache bash && \\",
      "    bash -c 'echo hi' \\",
      "    && source /etc/profile",
      "RUN \\",
      "    gosu node npm ci",
      "RUN if true; then \\",
      "    bash ./x.sh; fi",
      "",
    ].join("\n");
    expect(evidence(text).shells).toEqual([5, 6, 10]);
    expect(evidence(text)["privilege-drop"]).toEqual([3, 8]);
  });
});
