import { describe, expect, it } from "vitest";
import { MAX_QUOTED, oneLine, quoted, withoutControls } from "./index.js";

describe("quoted: an input value as a one-line message quotes it", () => {
  it("keeps a short value, on one line", () => {
    expect(quoted("run.sh")).toBe("run.sh");
    expect(oneLine("a\tb\r\n\n::error::x")).toBe("a b ::error::x");
    expect(quoted("a\nb")).toBe("a b");
  });

  it("cuts a long one at MAX_QUOTED characters, with an ellipsis, never inside a surrogate pair", () => {
    expect(MAX_QUOTED).toBe(200);
    expect(quoted("x".repeat(5000))).toBe(`${"x".repeat(200)}…`);
    const cut = quoted(`${"x".repeat(199)}😀tail`);
    expect(cut).toBe(`${"x".repeat(199)}…`);
    expect(quoted("abcdef", 3)).toBe("abc…");
  });
});

describe("withoutControls: controls and bidirectional characters alike become U+FFFD", () => {
  // A tester found ESC replaced but U+202E (right-to-left override) kept: it reorders what is
  // shown after it (Trojan-source style spoofing), so it is treated as the control it is.
  const bidi = ["\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"];
  const isolates = ["\u2066", "\u2067", "\u2068", "\u2069"];

  it.each([...bidi, ...isolates, "\u0000", "\u001b", "\u007f", "\u009b"])("U+%s", (c) => {
    expect(withoutControls(`a${c}b`)).toBe("a\ufffdb");
    expect(quoted(`a${c}b`)).toBe("a\ufffdb");
    expect(quoted(`${"x".repeat(10)}${c}`, 5)).toBe("xxxxx…");
    expect(quoted(`${c}${"x".repeat(10)}`, 5)).toBe("\ufffdxxxx…");
  });

  it("keeps tab and line feed for the caller (oneLine turns them into spaces), and the text itself", () => {
    expect(withoutControls("a\tb\nc")).toBe("a\tb\nc");
    expect(quoted("a\tb\nc")).toBe("a b c");
    const plain = "CVE-2024-1 in libc6 \u00e9\u4e2d\u{1f600}";
    expect(withoutControls(plain)).toBe(plain);
    // Zero-width joiner and non-joiner are letters' business (emoji, Persian), not controls.
    expect(withoutControls("a\u200db\u200cc")).toBe("a\u200db\u200cc");
  });
});
