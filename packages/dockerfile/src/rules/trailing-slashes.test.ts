import { describe, expect, it } from "vitest";
import { withoutTrailingSlashes } from "./trailing-slashes.js";

describe("withoutTrailingSlashes", () => {
  it.each(["", "/", "//", "a", "a/", "a//", "/a/b/", "a/b", "//a//", "a/\n/", "\n//"])(
    "drops the slashes that end %j as /\\/+$/ does",
    (path) => {
      expect(withoutTrailingSlashes(path)).toBe(path.replace(/\/+$/, ""));
    },
  );

  it("reads a word of many slashes that do not end it", () => {
    const word = `${"/".repeat(200_000)}x`;
    expect(withoutTrailingSlashes(word)).toBe(word);
    expect(withoutTrailingSlashes(`${word}${"/".repeat(200_000)}`)).toBe(word);
  });
});
