import { describe, expect, it } from "vitest";
import { file, on, ruleLines } from "../../test/conditional-installs.js";

describe("a probe on an official -alpine image is judged as on alpine", () => {
  const busyboxLines = (text: string) => ruleLines(text, "busybox-no-applet", "busybox-option");
  // The official -alpine images ship no curl (php aside) and no ggrep.
  it.each([
    ["command -v curl && apk add --no-cache perl; perl -e 1", [2]],
    ["command -v curl || apk add --no-cache perl; perl -e 1", []],
    ["command -v ggrep || apk add --no-cache grep; grep -P x f", []],
  ])("%s", (run, lines) => {
    expect(busyboxLines(file(`RUN ${run}`))).toEqual(lines);
    for (const image of ["python:3.13-alpine", "node:22-alpine", "ruby:3.4-alpine3.21"])
      expect({ image, lines: busyboxLines(on(image, `RUN ${run}`)) }).toEqual({ image, lines });
  });
});
