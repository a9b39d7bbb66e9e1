import { describe, expect, it } from "vitest";
import { decodeText, encodeText, escapeRawBytes, hasRawBytes } from "./text-bytes.js";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))),
  );

describe("decodeText / encodeText", () => {
  it("decodes valid UTF-8 as usual, a BOM kept as text", () => {
    const text = "\ufeff# café 🐳\n";
    expect(decodeText(Buffer.from(text, "utf8"))).toBe(text);
    expect(encodeText(text).equals(Buffer.from(text, "utf8"))).toBe(true);
  });

  it("keeps valid UTF-8 readable next to a Latin-1 byte, and gives the same bytes back", () => {
    const file = bytes("# Auteur: Ren", [0xe9], "\n# café\n");
    const text = decodeText(file);
    expect(text).toBe("# Auteur: Ren\udce9\n# café\n");
    expect(hasRawBytes(text)).toBe(true);
    expect(encodeText(text).equals(file)).toBe(true);
  });

  it("treats overlongs, encoded surrogates, truncated and too-high sequences as bytes", () => {
    const cases = [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80],
      [0x80],
    ];
    for (const c of cases) {
      const file = bytes("a", c, "b");
      const text = decodeText(file);
      expect(text).toBe(`a${c.map((b) => String.fromCharCode(0xdc00 + b)).join("")}b`);
      expect(encodeText(text).equals(file)).toBe(true);
    }
  });

  it("round-trips random bytes exactly", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed >> 8;
    };
    for (let n = 0; n < 300; n++) {
      const file = Buffer.from(Array.from({ length: next() % 64 }, () => next() & 0xff));
      expect(encodeText(decodeText(file)).equals(file)).toBe(true);
    }
  });

  it("encodes an astral character whose low surrogate lies in the byte range as UTF-8", () => {
    const text = "\u{10080}";
    expect(encodeText(text).equals(Buffer.from(text, "utf8"))).toBe(true);
    expect(hasRawBytes(text)).toBe(false);
  });
});

describe("escapeRawBytes", () => {
  it("shows each byte that was not UTF-8 as \\xNN and leaves the rest", () => {
    const text = decodeText(bytes("Ren", [0xe9], " café ", [0x80]));
    expect(escapeRawBytes(text)).toBe("Ren\\xe9 café \\x80");
    expect(escapeRawBytes("café")).toBe("café");
  });
});
