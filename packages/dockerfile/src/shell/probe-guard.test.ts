import { describe, expect, it } from "vitest";
import { probedProgram, type StretchProbe } from "./probe-guard.js";
import { parseScript } from "./script.js";

/** The probe deciding the stretch the `apk` command of `text` is in. */
function probeOfApk(text: string): StretchProbe | undefined {
  return probedProgram(parseScript(text), text.indexOf("apk"));
}

describe("probedProgram", () => {
  it("reads a lone probe before || as a stretch that runs when the program is missing", () => {
    expect(probeOfApk("command -v useradd >/dev/null || apk add shadow")).toEqual({
      program: "useradd",
      runsIf: "missing",
      afterAnd: false,
    });
  });

  it("reads one before && as a stretch that runs when it is found, up to the next ||", () => {
    expect(probeOfApk("command -v useradd && apk add shadow; true")).toEqual({
      program: "useradd",
      runsIf: "found",
      afterAnd: true,
    });
    expect(probeOfApk("(which useradd && apk add shadow)")?.runsIf).toBe("found");
    expect(probeOfApk("false || command -v x && apk add shadow")).toBeUndefined();
    expect(probeOfApk("command -v x && false || apk add shadow")).toBeUndefined();
  });

  it("reads a probe after && (a build step assumes what is before it succeeds)", () => {
    expect(probeOfApk("echo start && command -v useradd && apk add shadow; useradd a")).toEqual({
      program: "useradd",
      runsIf: "found",
      afterAnd: true,
    });
    expect(probeOfApk("true && command -v x || apk add shadow")?.runsIf).toBe("missing");
  });

  it("reads a probe piped into a grep for a line", () => {
    expect(probeOfApk("command -v useradd | grep -q . && apk add shadow")?.runsIf).toBe("found");
    expect(probeOfApk("which useradd | grep useradd || apk add shadow")?.runsIf).toBe("missing");
    expect(probeOfApk("command -v useradd | grep -q nope && apk add shadow")).toBeUndefined();
    expect(probeOfApk("command -v useradd | wc -l && apk add shadow")).toBeUndefined();
  });

  it("reads the stretch after `probe && true ||` as after `probe ||`", () => {
    const missing = { program: "useradd", runsIf: "missing", afterAnd: false };
    expect(probeOfApk("command -v useradd && echo have || apk add shadow")).toEqual(missing);
    expect(probeOfApk("command -v useradd >/dev/null 2>&1 && true || apk add shadow")).toEqual(
      missing,
    );
    expect(probeOfApk("command -v useradd && : || apk add shadow")).toEqual(missing);
  });

  it("reads the branches of an if whose test is one probe", () => {
    const missing = { program: "useradd", runsIf: "missing", afterAnd: false };
    expect(probeOfApk("if ! command -v useradd; then apk add shadow; fi")).toEqual(missing);
    expect(probeOfApk("if command -v useradd; then :; else apk add shadow; fi")).toEqual(missing);
    expect(probeOfApk("if command -v useradd; then apk add shadow; fi")?.runsIf).toBe("found");
    expect(probeOfApk("if which useradd; then if x; then :; fi; else apk add shadow; fi")).toEqual(
      missing,
    );
    expect(probeOfApk("if command -v a; then :; elif x; then apk add shadow; fi")).toBeUndefined();
    expect(probeOfApk("if command -v a && x; then apk add shadow; fi")).toBeUndefined();
  });

  it("turns the answer round after a !", () => {
    expect(probeOfApk("! which useradd || apk add shadow")?.runsIf).toBe("found");
    expect(probeOfApk("! command -v useradd && apk add shadow")?.runsIf).toBe("missing");
  });

  it("reads a while/until test that is one probe", () => {
    const missing = { program: "useradd", runsIf: "missing", afterAnd: false };
    expect(probeOfApk("while ! command -v useradd; do apk add shadow; done")).toEqual(missing);
    expect(probeOfApk("until type useradd\ndo apk add shadow\ndone")).toEqual(missing);
    expect(probeOfApk("while [ -x /usr/sbin/useradd ]; do apk add shadow; done")?.runsIf).toBe(
      "found",
    );
    expect(probeOfApk("while ! command -v a && true; do apk add shadow; done")).toBeUndefined();
    expect(probeOfApk("while ! command -v a; do if x; then apk add b; fi; done")).toBeUndefined();
  });
});
