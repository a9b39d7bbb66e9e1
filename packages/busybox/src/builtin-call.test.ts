// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { MUSL_BUSYBOX } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { builtinAt } from "./index.js";

const echoBuiltinAt = (words: readonly string[]) => builtinAt(words, "echo");

const words = (text: string) => text.split(" ");

describe("builtinAt", () => {
  it("finds echo however its name is quoted, and behind command", () => {
    expect(echoBuiltinAt(words("echo a"))).toBe(0);
    expect(echoBuiltinAt(words("\\echo \"echo\" e\\cho 'echo'"))).toBe(0);
    expect(echoBuiltinAt(words('"ec"ho a'))).toBe(0);
    expect(echoBuiltinAt(words("command echo a"))).toBe(1);
    expect(echoBuiltinAt(words("command -p -- \\echo a"))).toBe(3);
    expect(echoBuiltinAt(words("'command' command -pp echo"))).toBe(3);
  });

  it("gives undefined where no echo builtin runs", () => {
    for (const text of [
      "command -v echo",
      "command -pV echo",
      "command",
      "command --",
      "env echo a",
      "sudo echo a",
      "exec echo a",
      "$E a",
      "ech${o} a",
      "/bin/echo a",
      "echo2 a",
    ])
      expect([text, echoBuiltinAt(words(text))]).toEqual([text, undefined]);
    expect(echoBuiltinAt([])).toBeUndefined();
    expect(builtinAt(words("command eval 'echo a'"), "eval")).toBe(1);
    expect(builtinAt(words("eval2 x"), "eval")).toBeUndefined();
  });
});

const DASH = ["/usr/bin/dash", "/bin/dash"].find(existsSync);

describe.skipIf(!DASH || !existsSync(MUSL_BUSYBOX))(
  "builtinAt against dash and musl busybox ash (skipped without both)",
  () => {
    it("says echo runs exactly where dash's output differs from ash's", () => {
      const spellings = [
        "echo",
        "\\echo",
        '"echo"',
        "'echo'",
        "e\\cho",
        "command echo",
        "command -p echo",
        "command -- echo",
        "command command echo",
        "command -v echo",
        "env echo",
        "exec echo",
        "/bin/echo",
      ];
      for (const spelling of spellings) {
        const script = `${spelling} 'a\\tb'`;
        const dash = spawnSync(DASH!, ["-c", script]).stdout.toString("latin1");
        const ash = spawnSync(MUSL_BUSYBOX, ["ash", "-c", script]).stdout.toString("latin1");
        const found = echoBuiltinAt([...words(spelling), "'a\\tb'"]) !== undefined;
        expect([spelling, found]).toEqual([spelling, dash !== ash]);
      }
    });
  },
);
