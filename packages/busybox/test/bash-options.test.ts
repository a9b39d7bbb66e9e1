import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { MUSL_BUSYBOX } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { ashMissingOption } from "../src/index.js";

const option = (command: string) => {
  const [name, ...args] = command.split(" ");
  return ashMissingOption(name!, args)?.option;
};

describe("ashMissingOption", () => {
  it("finds read -a alone, clustered and after options that take a value", () => {
    expect(["read -a x", "read -ra x", "read -r -p > -a x", "read -d: -a x"].map(option)).toEqual([
      "-a",
      "-ra",
      "-a",
      "-a",
    ]);
  });

  it("leaves -a as a value, after --, after a name or unknown", () => {
    for (const c of ["read -p -a x", "read -pa x", "read -da x", "read -- -a", "read x -a"])
      expect(option(c), c).toBeUndefined();
    expect(ashMissingOption("read", [undefined, "-a"])).toBeUndefined();
  });

  it("finds printf -v as the first word only, naming the variable", () => {
    expect(ashMissingOption("printf", ["-v", "X", "%s", "1"])).toMatchObject({
      option: "-v",
      fix: "X=$(printf …)",
      fails: false,
    });
    expect(option("printf -vX 1")).toBe("-vX");
    for (const c of ["printf -- -v", "printf %s -v", "echo -v x"])
      expect(option(c), c).toBeUndefined();
  });
});

describe.skipIf(!existsSync(MUSL_BUSYBOX))("what musl busybox ash does with them", () => {
  const ash = (script: string) =>
    spawnSync(MUSL_BUSYBOX, ["sh", "-c", script], { encoding: "utf8" });

  it("read -a fails with status 2, printf -v prints -v and exits 0", () => {
    const read = ash('read -ra x </dev/null; echo "$? [$x]"');
    expect(read.stdout).toBe("2 []\n");
    expect(read.stderr).toMatch(/read: .*illegal option -a/);
    expect(ash('printf -v X "%s" 1; echo " $? [$X]"').stdout).toBe("-v 0 []\n");
  });
});
