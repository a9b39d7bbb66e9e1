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
    expect(probeOfApk("command -v x && true || apk add shadow")).toBeUndefined();
    expect(probeOfApk("true && command -v x && apk add shadow")).toBeUndefined();
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
