// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${x} on purpose
import { describe, expect, it } from "vitest";
import { scanShell } from "../src/shell/scan.js";

const commands = (text: string) =>
  scanShell(text).commands.map((c) => [c.words.map((w) => w.text).join(" "), c.depth]);

describe("scanShell finds where nested code ends by its grammar", () => {
  it("ends $( ) at its own ), not at the ) of a case pattern inside", () => {
    const text = "x=$(case $y in a) groupadd -g 1 a;; esac)\nusermod -aG a u\n";
    expect(scanShell(text).syntax).toBeUndefined();
    expect(commands(text)).toEqual([
      ["x=$(case $y in a) groupadd -g 1 a;; esac)", 0],
      ["groupadd -g 1 a", 1],
      ["usermod -aG a u", 0],
    ]);
  });

  it("skips a here-document inside $( ), even one holding a )", () => {
    const text = "x=$(cat <<EOF\n)\nEOF\n)\ngroupadd -g 1 g\n";
    expect(scanShell(text).syntax).toBeUndefined();
    expect(commands(text)).toEqual([
      ["x=$(cat <<EOF\n)\nEOF\n)", 0],
      ["cat", 1],
      ["groupadd -g 1 g", 0],
    ]);
  });

  it("takes an apostrophe in a here-document inside $( ) for text", () => {
    const text = "x=$(cat <<EOF\nit's (\nEOF\n)\necho ok\n";
    expect(scanShell(text).syntax).toBeUndefined();
    expect(commands(text).at(-1)).toEqual(["echo ok", 0]);
  });

  it("reads the body of a here-document opened inside $( ) after the line it ends on", () => {
    const text = "x=$(cat <<EOF)\nbody ( fi\nEOF\necho ok\n";
    const r = scanShell(text);
    expect(r.syntax).toBeUndefined();
    expect(r.inert).toEqual([[15, 28]]);
    expect(commands(text).at(-1)).toEqual(["echo ok", 0]);
  });

  it("does not take <<< for a here-document", () => {
    const text = 'cat <<< "$x"\ngroupadd -g 1 x\n';
    expect(commands(text)).toEqual([
      ["cat", 0],
      ["groupadd -g 1 x", 0],
    ]);
  });

  it("ends ${ } at its own }, past a } inside a command substitution", () => {
    const text = "echo ${x:-$(echo })} y\ngroupadd g\n";
    expect(scanShell(text).syntax).toBeUndefined();
    expect(commands(text)).toEqual([
      ["echo ${x:-$(echo })} y", 0],
      ["groupadd g", 0],
    ]);
  });

  it("reads bash's $'...' with an escaped quote as one word", () => {
    const text = "echo $'it\\'s' ok\n";
    expect(scanShell(text).syntax).toBeUndefined();
    expect(commands(text)).toEqual([["echo $'it\\'s' ok", 0]]);
  });
});
