import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { MUSL_BUSYBOX } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { alpineProgramDir } from "../src/rules/alpine-program-dirs.js";

// The folders alpineProgramDir gives are busybox's own install paths: checked against what the
// musl busybox the tests build prints, applet by applet.
describe.skipIf(!existsSync(MUSL_BUSYBOX))("alpineProgramDir", () => {
  it("gives the folder busybox --list-full links each applet in", () => {
    const listed = execFileSync(MUSL_BUSYBOX, ["--list-full"], { encoding: "utf8" })
      .split("\n")
      .filter((p) => p && p !== "bin/busybox");
    let known = 0;
    for (const path of listed) {
      const name = path.slice(path.lastIndexOf("/") + 1);
      const dir = alpineProgramDir(name);
      if (dir === undefined) continue;
      known++;
      expect({ name, dir }).toEqual({ name, dir: `/${path.slice(0, path.lastIndexOf("/"))}` });
    }
    expect(known).toBeGreaterThan(250);
    expect(alpineProgramDir("grep")).toBe("/bin");
  });
});
