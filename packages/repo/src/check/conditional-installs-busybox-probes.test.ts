import { describe, expect, it } from "vitest";
import { checkedOptionLines, file, on, ruleLines } from "../../test/conditional-installs.js";

describe("a probe for a program busybox has is read as finding it", () => {
  it.each([
    // busybox's grep is /bin/grep: a test of /usr/bin/grep fails, so GNU grep is added.
    ["[ -x /usr/bin/grep ] || apk add --no-cache grep", [], "grep -P x f"],
    ["test -x /usr/bin/grep || apk add --no-cache grep", [], "grep -P x f"],
    ["[ -e /usr/bin/grep ] || apk add --no-cache grep", [], "grep -P x f"],
    ["[ -x /bin/grep ] || apk add --no-cache grep", [2], "grep -P x f"],
  ])("%s; %s", async (install, lines, call) => {
    expect(await checkedOptionLines(file(`RUN ${install}; ${call}`))).toEqual(lines);
    expect(await checkedOptionLines(on("node:22-alpine", `RUN ${install}; ${call}`))).toEqual(
      lines,
    );
  });

  it.each([
    ["command -v find || apk add --no-cache findutils", [2]],
    ["while ! command -v find; do apk add --no-cache findutils; done", [2]],
    ["command -v find >/dev/null && apk add --no-cache findutils", []],
  ])("%s; find -printf", (install, lines) => {
    expect(ruleLines(file(`RUN ${install}; find . -printf %p`), "busybox-option")).toEqual(lines);
  });
});
