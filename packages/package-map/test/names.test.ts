import { describe, expect, it } from "vitest";
import { isDebianPackageName } from "../src/index.js";

describe("isDebianPackageName", () => {
  it("accepts Debian names, with an architecture qualifier too", () => {
    expect(isDebianPackageName("libssl-dev")).toBe(true);
    expect(isDebianPackageName("g++")).toBe(true);
    expect(isDebianPackageName("curl:amd64")).toBe(true);
  });

  it("refuses pins, upper case and oversized input", () => {
    expect(isDebianPackageName("curl=7.0")).toBe(false);
    expect(isDebianPackageName("Curl")).toBe(false);
    expect(isDebianPackageName(`lib${"x".repeat(200)}`)).toBe(false);
  });
});
