import { describe, expect, it } from "vitest";
import { parseChallenges, pickChallenge } from "./auth/challenge.js";
import { parseAuthKey } from "./credentials/keys.js";
import { parseRetryAfter } from "./http/retry.js";
import { formatPlatform, parsePlatform, pickPlatform } from "./platform.js";

describe("parseChallenges", () => {
  it("splits several challenges and keeps quoted commas", () => {
    const header =
      'Bearer realm="https://auth.example/token",service="reg",scope="repository:a/b:pull,push", Basic realm="x, y"';
    const parsed = parseChallenges(header);
    expect(parsed).toEqual([
      {
        scheme: "bearer",
        params: {
          realm: "https://auth.example/token",
          service: "reg",
          scope: "repository:a/b:pull,push",
        },
      },
      { scheme: "basic", params: { realm: "x, y" } },
    ]);
    expect(pickChallenge(parsed)?.scheme).toBe("bearer");
    expect(pickChallenge(parseChallenges('Basic realm="r"'))?.scheme).toBe("basic");
    expect(pickChallenge(parseChallenges(""))).toBeUndefined();
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and ignores garbage", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("reads RFC 850 and asctime dates, which are GMT too", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thursday, 01-Jan-26 00:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("Thu Jan  1 00:00:10 2026", now)).toBe(10_000);
  });

  // Date.parse reads "-5" and "5" as a day in 2001: without the strict forms, -5 was "0 s".
  it.each(["-5", "5 s", "1.5", "+3", "2026-01-01T00:01:00Z", "Thu, 1 Jan 2026 00:00:30 GMT", ""])(
    "%j is unusable",
    (value) => expect(parseRetryAfter(value, Date.parse("2026-01-01T00:00:00Z"))).toBeUndefined(),
  );
});

describe("platforms", () => {
  it("normalises arm64 to arm64/v8, aliases and arm to v7", () => {
    expect(formatPlatform(parsePlatform("linux/arm64"))).toBe("linux/arm64/v8");
    expect(formatPlatform(parsePlatform("linux/aarch64"))).toBe("linux/arm64/v8");
    expect(formatPlatform(parsePlatform("Linux/x86_64"))).toBe("linux/amd64");
    expect(formatPlatform(parsePlatform("linux/arm"))).toBe("linux/arm/v7");
    expect(() => parsePlatform("linux")).toThrow(/os\/arch\[\/variant\]/);
    expect(() => parsePlatform("linux/amd64/v2/x")).toThrow(/invalid platform/);
  });

  it("skips attestation entries and matches arm64 without a variant", () => {
    const entries = [
      { os: "unknown", architecture: "unknown" },
      { os: "linux", architecture: "amd64" },
      { os: "linux", architecture: "arm64" },
    ];
    expect(pickPlatform(parsePlatform("linux/arm64/v8"), entries)).toBe(2);
    expect(pickPlatform(parsePlatform("unknown/unknown"), entries)).toBe(-1);
    expect(pickPlatform(parsePlatform("linux/arm/v6"), entries)).toBe(-1);
  });
});

describe("parseAuthKey", () => {
  it("folds Docker Hub's spellings and strips schemes and /v1/", () => {
    expect(parseAuthKey("https://index.docker.io/v1/")).toEqual({
      registry: "docker.io",
      path: "",
    });
    expect(parseAuthKey("registry-1.docker.io")).toEqual({ registry: "docker.io", path: "" });
    expect(parseAuthKey("http://127.0.0.1:5000/v2/")).toEqual({
      registry: "127.0.0.1:5000",
      path: "",
    });
    expect(parseAuthKey("quay.io/org/repo")).toEqual({ registry: "quay.io", path: "org/repo" });
  });
});
