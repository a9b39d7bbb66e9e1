import { describe, expect, it } from "vitest";
import { literal, scanShell } from "../src/shell/scan.js";

const names = (text: string) =>
  scanShell(text).commands.map((c) => c.words.map((w) => w.text).join(" "));

describe("scanShell", () => {
  it("splits on operators and skips reserved words", () => {
    expect(names("if a x; then b && c || d | e & fi")).toEqual(["a x", "b", "c", "d", "e"]);
  });

  it("finds commands inside $( ) and backticks, nested", () => {
    const cmds = scanShell('x=$(getent group "$(id -g)" | cut -d: -f1) y=`hostname`\n').commands;
    expect(cmds.map((c) => [c.words[0]!.text, c.depth])).toEqual([
      ['x=$(getent group "$(id -g)" | cut -d: -f1)', 0],
      ["getent", 1],
      ["id", 2],
      ["cut", 1],
      ["hostname", 1],
    ]);
  });

  it("skips comments and here-document bodies, including <<- with tabs", () => {
    const text =
      "cat <<EOF >f\ngroupadd -g 1 x\nEOF\ncat <<-'E'\n\tuseradd y\n\tE\n# usermod z\necho done\n";
    expect(names(text)).toEqual(["cat", "cat", "echo done"]);
    expect(scanShell(text).commands[0]!.redirects.map((r) => r.op)).toEqual(["<<", ">"]);
  });

  it("keeps quoted operators and line continuations inside words", () => {
    expect(names("echo 'a;b' \"c|d\" e\\;f \\\n  g\n")).toEqual(["echo 'a;b' \"c|d\" e\\;f g"]);
  });

  it("reads redirections with file descriptors", () => {
    const [cmd] = scanShell("groupadd -g 1 x 2>/dev/null >&2 || true").commands;
    expect(cmd!.redirects.map((r) => [r.op, r.target?.text])).toEqual([
      ["2>", "/dev/null"],
      [">&", "2"],
    ]);
  });
});

describe("literal", () => {
  it("unquotes plain words and refuses expansions", () => {
    expect(literal("'a b'\"c\"d\\ e")).toBe("a bcd e");
    expect(literal('"$x"')).toBeUndefined();
    expect(literal("a*")).toBeUndefined();
  });
});
