import { describe, expect, it } from "vitest";
import {
  AlpinizeError,
  EXIT,
  InputError,
  InternalError,
  isAlpinizeError,
  UsageError,
} from "./index.js";

describe("AlpinizeError", () => {
  it("keeps code, hint, exit code and details", () => {
    const err = new InputError("ALPINIZE_X_BAD", "bad thing", {
      hint: "fix it",
      details: { line: 3 },
    });
    expect(err.code).toBe("ALPINIZE_X_BAD");
    expect(err.exitCode).toBe(EXIT.BAD_INPUT);
    expect(err.toJSON()).toEqual({
      code: "ALPINIZE_X_BAD",
      message: "bad thing",
      hint: "fix it",
      line: 3,
    });
    expect(isAlpinizeError(err)).toBe(true);
  });

  it("marks internal errors with their own exit code", () => {
    expect(new InternalError("boom").exitCode).toBe(EXIT.INTERNAL);
    expect(new UsageError("no").hint).toMatch(/--help/);
  });

  it("recognises a plain Error as not ours", () => {
    expect(isAlpinizeError(new Error("x"))).toBe(false);
    expect(isAlpinizeError(new AlpinizeError("A", "b", { exitCode: EXIT.FINDINGS }))).toBe(true);
  });
});
