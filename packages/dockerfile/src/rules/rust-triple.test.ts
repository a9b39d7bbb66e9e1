import { describe, expect, it } from "vitest";
import { debianPathNote, rustGnuTarget } from "./debian-layout.js";
import { leftmostGnuTriple, stripOuterQuotes } from "./rust-triple.js";

// The regex the scanner replaces: the reference for what it must find, on short words only.
const REFERENCE = /(?:\$\{\w+\}|\$\w+|\$\([^)]*\)|[\w.]+)?-unknown-linux-gnu\w*/;
const G = "-unknown-linux-gnu";

describe("leftmostGnuTriple", () => {
  it("finds what the regex found, prefix alternatives and their order included", () => {
    const words = [
      `x86_64${G}`,
      `target/aarch64${G}/release/app`,
      `--target=x86_64${G}`,
      `\${ARCH}${G}`,
      `$ARCH${G}`,
      `$(uname -m)${G}`,
      `$(echo x${G})${G}`,
      `$(echo x${G})`,
      `$(uname -m${G}`,
      `\${A.B}${G}`,
      `$A.B${G}`,
      `\${}${G}`,
      `$${G}`,
      `$(${G}`,
      `a.b_c${G}eabihf/x`,
      `${G}`,
      `--${G}x`,
      `a-b${G}${G}`,
      `x${G.slice(0, -1)}`,
      `\${A}x${G}`,
      `$(a)(b)${G}`,
      `$$$$x${G}`,
      `{{x${G}`,
    ];
    for (const w of words) expect(leftmostGnuTriple(w), w).toBe(REFERENCE.exec(w)?.[0]);
  });

  it("agrees with the regex on short words built from the characters that matter", () => {
    const parts = ["$", "{", "}", "(", ")", "a", ".", "-", "_", G];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let n = 0; n < 3000; n++) {
      const len = 1 + (next() % 8);
      const w = Array.from({ length: len }, () => parts[next() % parts.length]).join("");
      expect(leftmostGnuTriple(w), w).toBe(REFERENCE.exec(w)?.[0]);
    }
  });

  it("strips outer quotes as /^[\"']+|[\"']+$/g did", () => {
    for (const w of [`'"x'"`, `''`, `"a'b"`, `x`, `'''x`, `x"""`, ""]) {
      expect(stripOuterQuotes(w), w).toBe(w.replace(/^["']+|["']+$/g, ""));
    }
  });
});

describe("rustGnuTarget on long words", () => {
  it("answers for a word without the triple, and one with it at the end, of 400 KB", () => {
    const long = "x".repeat(400_000);
    expect(rustGnuTarget(`'${long}'`)).toBeUndefined();
    expect(rustGnuTarget(`${long}.${"'".repeat(1000)}a${G}`)).toBe(`a${G}`);
    expect(rustGnuTarget(`${long}${G}`)).toBe(`${long}${G}`);
  });

  it("notes a word that names the triple many times once", () => {
    const word = `x86_64${G}`.repeat(2000);
    const hit = debianPathNote(`cargo build --target ${word} && cp ${word} /a`, "RUN");
    expect(hit?.note.match(/is a glibc target triple/g)).toHaveLength(1);
    expect(hit?.index).toBe("cargo build --target ".length);
  });
});
