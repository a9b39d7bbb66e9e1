import { describe, expect, it } from "vitest";
import { apkHas, createPackageMap, indexMisses, KNOWN_RELEASES } from "../src/index.js";

describe.each(KNOWN_RELEASES)("apkHas on Alpine %s", (release) => {
  const map = () => createPackageMap({ release });

  it("knows what the static index misses: musl-utils, the default clang's parts, .NET names", () => {
    const m = map();
    for (const name of [
      "musl-utils",
      "libc-utils",
      "clang-dev",
      "clang-static",
      "clang-libs",
      "llvm-dev",
      "aspnetcore8-runtime",
      "dotnet8-hostfxr",
    ])
      expect(apkHas(m, name), name).toBe(true);
    expect(m.exists("clang-dev")).toBe(false);
    expect(indexMisses(m, "curl")).toBe(false);
  });

  it("says no to names no release has, and to a default stream's part that does not exist", () => {
    const m = map();
    for (const name of [
      "libfoo-nonexistent",
      "google-chrome-stable",
      "msodbcsql18",
      "libgconf-2-4",
      "clang-nosuch",
      "aspnetcore8-nosuch",
      "devscripts",
    ])
      expect(apkHas(m, name), name).toBe(false);
  });
});
