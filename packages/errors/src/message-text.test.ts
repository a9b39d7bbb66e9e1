import { describe, expect, it } from "vitest";
import { MAX_QUOTED, oneLine, quoted } from "./index.js";

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
