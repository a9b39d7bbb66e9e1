import { describe, expect, it } from "vitest";
import {
  dockerCredentialKey,
  escapeControl,
  escapeInline,
  familiarName,
  formatImageReference,
  hasControl,
  isLoopbackHost,
  parseImageReference,
  registryApiHost,
  tryParseImageReference,
  withDigest,
} from "./index.js";

const D = `sha256:${"a".repeat(64)}`;

describe("parseImageReference", () => {
  it("fills in Docker Hub, library/ and latest", () => {
    const ref = parseImageReference("alpine");
    expect(ref).toMatchObject({
      registry: "docker.io",
      repository: "library/alpine",
      tag: "latest",
      impliedTag: true,
    });
  });

  it.each([
    ["docker.io/alpine:3.23", "docker.io", "library/alpine", "3.23"],
    ["index.docker.io/library/alpine:3.23", "docker.io", "library/alpine", "3.23"],
    ["registry-1.docker.io/bitnami/redis:7", "docker.io", "bitnami/redis", "7"],
    ["localhost/x", "localhost", "x", "latest"],
    ["localhost:5000/a/b:c", "localhost:5000", "a/b", "c"],
    ["127.0.0.1:5000/team/app:1.0", "127.0.0.1:5000", "team/app", "1.0"],
    ["[::1]:5000/app:v1", "[::1]:5000", "app", "v1"],
    ["ghcr.io/owner/repo", "ghcr.io", "owner/repo", "latest"],
    ["tonistiigi/xx:1.9.0", "docker.io", "tonistiigi/xx", "1.9.0"],
  ])("%s", (input, registry, repository, tag) => {
    expect(parseImageReference(input)).toMatchObject({ registry, repository, tag });
  });

  it("keeps tag and digest together and does not imply latest with a digest", () => {
    expect(parseImageReference(`alpine:3.23.3@${D}`)).toMatchObject({ tag: "3.23.3", digest: D });
    expect(parseImageReference(`alpine@${D}`)).toMatchObject({ tag: undefined, digest: D });
  });

  it.each([
    ["", /empty/],
    ["Alpine", /lowercase/],
    ["alpine:", /not a valid tag/],
    [`alpine@sha256:${"a".repeat(40)}`, /64 hex/],
    ["alpine@nope", /not a digest/],
    ["a b", /whitespace/],
    ["$BASE", /unexpanded variable/],
    ["localhost:99999/x", /out of range/],
    ["localhost:0/x", /port 0 is out of range \(1-65535\)/],
    ["ghcr.io/a//b", /path component/],
    ["x".repeat(600), /longer than/],
  ])("rejects %j", (input, message) => {
    expect(() => parseImageReference(input)).toThrow(message);
    expect(tryParseImageReference(input)).toBeUndefined();
  });

  it("tells how to expand an unexpanded variable, for the CLI and the library alike", () => {
    expect(() => parseImageReference(`$${"{"}IMG}`)).toThrow(
      expect.objectContaining({
        hint: expect.stringMatching(
          /^Expand the variable first.*alpinize pin resolves ARG defaults/,
        ),
      }),
    );
  });

  it("refuses an uppercase-hex digest (Docker does too) and hints the lowercase one", () => {
    const upper = `alpine:3.23@sha256:${"C4A2".repeat(16)}`;
    expect(() => parseImageReference(upper)).toThrow(
      expect.objectContaining({
        code: "ALPINIZE_REF_INVALID",
        exitCode: 2,
        message: expect.stringMatching(/digest's hex must be lowercase/),
        hint: expect.stringContaining(`sha256:${"c4a2".repeat(16)}`),
      }),
    );
    expect(parseImageReference(`alpine@sha256:${"c4a2".repeat(16)}`).digest).toBe(
      `sha256:${"c4a2".repeat(16)}`,
    );
  });

  it("names control characters and never echoes them raw", () => {
    for (const input of ["alp\u001b]0;PWNED\u0007ine", "alpine\u009b31m", "alp\rine"]) {
      let message = "";
      try {
        parseImageReference(input);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/contains control characters/);
      expect(hasControl(message)).toBe(false);
    }
    expect(() => parseImageReference("alp\u001b]0;PWNED\u0007ine")).toThrow(
      'invalid image reference "alp\\x1b]0;PWNED\\x07ine"',
    );
    expect(escapeControl("a\u001bb\tc\u007f")).toBe("a\\x1bb\tc\\x7f");
    expect(escapeInline("we\nird\tx\u001b")).toBe("we\\x0aird\\x09x\\x1b");
  });

  it("hints to drop a URL scheme", () => {
    for (const [input, rest] of [
      ["http://127.0.0.1:5000/team/app:1", "127.0.0.1:5000/team/app:1"],
      ["https://ghcr.io/o/r", "ghcr.io/o/r"],
      ["docker://alpine:3.23", "alpine:3.23"],
    ] as const) {
      expect(() => parseImageReference(input)).toThrow(
        expect.objectContaining({
          code: "ALPINIZE_REF_INVALID",
          message: expect.stringContaining("which image references never have"),
          hint: `Drop "${input.slice(0, input.indexOf("//") + 2)}": write ${rest}.`,
        }),
      );
    }
  });

  it("gives errors a stable code", () => {
    try {
      parseImageReference("UPPER/case");
      expect.unreachable();
    } catch (err) {
      expect((err as { code: string }).code).toBe("ALPINIZE_REF_INVALID");
    }
  });
});

describe("formatting and registries", () => {
  it("formats familiar and canonical forms", () => {
    const ref = parseImageReference("docker.io/library/alpine:3.23");
    expect(familiarName(ref)).toBe("alpine");
    expect(formatImageReference(ref)).toBe("alpine:3.23");
    expect(formatImageReference(ref, "canonical")).toBe("docker.io/library/alpine:3.23");
    expect(formatImageReference(ref, "as-written")).toBe("docker.io/library/alpine:3.23");
    expect(formatImageReference(withDigest(ref, D))).toBe(`alpine:3.23@${D}`);
    expect(formatImageReference(parseImageReference("alpine"))).toBe("alpine");
  });

  it("knows Docker Hub's API host and credential key", () => {
    expect(registryApiHost("index.docker.io")).toBe("registry-1.docker.io");
    expect(dockerCredentialKey("docker.io")).toBe("https://index.docker.io/v1/");
    expect(registryApiHost("ghcr.io")).toBe("ghcr.io");
  });

  it.each([
    ["localhost:5000", true],
    ["127.0.0.1:41234", true],
    ["[::1]:5000", true],
    ["app.localhost", true],
    ["ghcr.io", false],
    ["10.0.0.1:5000", false],
  ])("loopback %s → %s", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
