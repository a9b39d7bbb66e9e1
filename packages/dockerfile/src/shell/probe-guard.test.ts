import { describe, expect, it } from "vitest";
import { type ProgramProbe, probedProgram, type StretchProbe } from "./probe-guard.js";
import { parseScript } from "./script.js";

/** What decides the stretch the first `apk` command of `text` is in. */
function placeOfApk(text: string, nth = 0): StretchProbe | undefined {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf("apk", at + 1);
  return probedProgram(parseScript(text), at);
}

/** The probe deciding the stretch the `apk` command of `text` is in (a test reads its fields). */
function probeOfApk(text: string): ProgramProbe | undefined {
  return placeOfApk(text) as ProgramProbe | undefined;
}

describe("probedProgram", () => {
  it("reads a branch no probe decides, and an if's first test, by their place", () => {
    expect(placeOfApk("if apk add a; then :; fi")).toEqual({ always: true });
    expect(placeOfApk('if [ "$A" ]; then apk add a; else apk add a; fi', 1)).toMatchObject({
      branch: { index: 1, count: 2 },
    });
    expect(placeOfApk('if [ "$A" ]; then apk add a; fi')).toBeUndefined();
    expect(placeOfApk("case $A in 1) apk add a;; *) apk add a;; esac", 1)).toMatchObject({
      branch: { index: 1, count: 2 },
    });
    expect(placeOfApk("case $A in 1) apk add a;; esac")).toBeUndefined();
    expect(placeOfApk('case $A in 1) apk add a;; "*") :;; esac')).toBeUndefined();
    // Nested in a branch: the branches around it are handed on.
    expect(placeOfApk('if [ "$A" ]; then true || apk add a; else :; fi')).toMatchObject({
      branches: [{ index: 0, count: 2 }],
    });
  });

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
    expect(probeOfApk("command -v x && false || apk add shadow")).toEqual({
      program: "x",
      runsIf: "missing",
      afterAnd: false,
      orElse: true,
    });
  });

  it("reads a path test with the path it tests, -e and -f only in a folder of programs", () => {
    expect(probeOfApk("[ -x /usr/bin/grep ] || apk add grep")).toEqual({
      program: "grep",
      path: "/usr/bin/grep",
      runsIf: "missing",
      afterAnd: false,
    });
    expect(probeOfApk("test -e /bin/tar && apk add dpkg")?.path).toBe("/bin/tar");
    expect(
      probeOfApk("if [ -f /usr/sbin/useradd ]; then :; else apk add shadow; fi"),
    ).toMatchObject({ program: "useradd", path: "/usr/sbin/useradd", runsIf: "missing" });
    expect(probeOfApk("[ -e /etc/app.conf ] || apk add shadow")).toBeUndefined();
    expect(probeOfApk("command -v grep || apk add grep")).not.toHaveProperty("path");
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
    const branch = (index: number) => ({ branch: expect.objectContaining({ index, count: 2 }) });
    expect(probeOfApk("if ! command -v useradd; then apk add shadow; fi")).toMatchObject(missing);
    expect(probeOfApk("if command -v useradd; then :; else apk add shadow; fi")).toMatchObject({
      ...missing,
      ...branch(1),
    });
    expect(probeOfApk("if command -v useradd; then apk add shadow; fi")?.runsIf).toBe("found");
    expect(
      probeOfApk("if which useradd; then if x; then :; fi; else apk add shadow; fi"),
    ).toMatchObject(missing);
    expect(probeOfApk("if command -v a; then :; elif x; then apk add shadow; fi")).toBeUndefined();
    expect(probeOfApk("if command -v a && x; then apk add shadow; fi")).toBeUndefined();
    expect(probeOfApk("if command -v a; then apk add b; fi")?.branch).toBeUndefined();
  });

  it("reads an elif or else after probes as needing each earlier probe to fail", () => {
    const elif = probeOfApk("if command -v a; then :; elif ! command -v b; then apk add c; fi");
    expect(elif).toMatchObject({ program: "b", runsIf: "missing" });
    expect(elif?.also).toMatchObject([{ program: "a", runsIf: "missing" }]);
    expect(elif?.branch).toBeUndefined();
    const otherwise = probeOfApk(
      "if command -v a; then :; elif command -v b; then :; else apk add c; fi",
    );
    expect(otherwise).toMatchObject({ program: "b", runsIf: "missing", branch: { index: 2 } });
    expect(otherwise?.also).toMatchObject([{ program: "a", runsIf: "missing" }]);
    expect(
      probeOfApk("if command -v a; then apk add c; elif command -v b; then :; fi"),
    ).toMatchObject({ program: "a", runsIf: "found" });
    // The two branches after one test share it, so it is judged once for both.
    const text = "if command -v a; then apk add b; else apk add c; fi";
    const script = parseScript(text);
    const then = probedProgram(script, text.indexOf("apk")) as ProgramProbe;
    const other = probedProgram(script, text.lastIndexOf("apk")) as ProgramProbe;
    expect(then?.test).toBeDefined();
    expect(then?.test).toBe(other?.test);
  });

  it("reads the stretch after `probe && X ||` as one that runs when the probe fails, or X does", () => {
    const text = "command -v useradd && apk add shadow || apk add shadow";
    expect(probedProgram(parseScript(text), text.lastIndexOf("apk"))).toEqual({
      program: "useradd",
      runsIf: "missing",
      afterAnd: false,
      orElse: true,
    });
    expect(probeOfApk("command -v a && echo x && true || apk add shadow")?.orElse).toBeUndefined();
    expect(probeOfApk("command -v a && ! x || apk add shadow")).toBeUndefined();
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
