import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { MUSL_BUSYBOX } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { definedFunctions, maskQuotes } from "../src/index.js";

const defined = (script: string) => [...definedFunctions(maskQuotes(script).bare)];

describe("definedFunctions", () => {
  it("finds name() and function name, each at its first definition", () => {
    const script = 'pushd() { cd "$1"; }; function popd { cd -; }\nf () (true); pushd() { :; }';
    expect(defined(script)).toEqual([
      ["pushd", 0],
      ["popd", script.indexOf("function popd")],
      ["f", script.indexOf("f ()")],
    ]);
  });

  it("leaves calls, substitutions and quoted or commented text", () => {
    expect(
      defined("pushd /tmp; x=$(pwd); echo \"f() {\" 'g()' # h()\ncase a in a) :;; esac"),
    ).toEqual([]);
  });
});

describe.skipIf(!existsSync(MUSL_BUSYBOX))(
  "a function named as a bash builtin in busybox ash",
  () => {
    it("runs where the builtin is not found", () => {
      const r = spawnSync(MUSL_BUSYBOX, ["sh", "-c", 'pushd() { cd "$1"; }; pushd / && pwd'], {
        encoding: "utf8",
      });
      expect(r.stdout).toBe("/\n");
    });
  },
);
