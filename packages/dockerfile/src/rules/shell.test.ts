// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { hasBashism } from "./bashisms.js";

describe("hasBashism", () => {
  it("reads POSIX parameter expansions with a default as sh", () => {
    for (const script of ['echo "${X:-0}"', "echo ${PORT:-8080}", 'x="${A:=1}" && echo "${B:+2}"'])
      expect(hasBashism(script)).toBe(false);
  });

  it("still takes substrings and other bash expansions as bash", () => {
    for (const script of ['echo "${X:1}"', 'echo "${X: -1}"', 'echo "${X:(-2)}"', "cat <<< x"])
      expect(hasBashism(script)).toBe(true);
  });

  it("takes {a,b} lists in unquoted words as bash, not ${…}, {}, groups or quoted ones", () => {
    for (const script of [
      "mkdir -p /app/{logs,data}",
      "cp /etc/{passwd,group} /tmp/",
      "cp f{,.bak}",
    ])
      expect(hasBashism(script), script).toBe(true);
    for (const script of [
      "echo \"{a,b}\" '{c,d}' \\{e,f}",
      "echo ${X:-{a,b}} ${Y:-${Z:-{c,d}}}",
      "find . -exec rm {} + && { echo a,b; }",
    ])
      expect(hasBashism(script), script).toBe(false);
  });
});
