import { describe, expect, it } from "vitest";
import { slashesDropped } from "../check/apk-cache.js";
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

describe("slashesDropped", () => {
  it.each(["", "/", "//", "a", "a/", "a//", "/a/b/", "\n//", "a\n/", "\r/", "x\u2028//"])(
    "drops %j's trailing slashes as /(?<=.)\\/+$/ does",
    (arg) => {
      expect(slashesDropped(arg)).toBe(arg.replace(/(?<=.)\/+$/, ""));
    },
  );
});
