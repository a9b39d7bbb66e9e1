import { describe, expect, it } from "vitest";
import { SHADOW_ONLY_TOOLS, shadowOnlyOption, shadowOnlyTool, type Words } from "../src/index.js";

const first = (tool: string, words: Words) => shadowOnlyOption(tool, words)?.option;

describe("shadowOnlyOption", () => {
  it.each([
    ["passwd", ["-l", "root"], undefined],
    ["passwd", ["-d", "app"], undefined],
    ["passwd", ["-dlu", "app"], undefined],
    ["passwd", ["-a", "sha512", "app"], undefined],
    ["passwd", ["-asha512", "-l", "app"], undefined],
    ["passwd", ["-x", "90", "root"], "-x"],
    ["passwd", ["root", "-x", "90"], "-x"],
    ["passwd", ["-e", "app"], "-e"],
    ["passwd", ["-dS", "root"], "-S"],
    ["passwd", ["--lock", "root"], "--lock"],
    ["passwd", ["--maxdays=90", "root"], "--maxdays"],
    ["passwd", ["--", "-x"], undefined],
    ["passwd", [undefined, "root"], undefined],
    ["chpasswd", [], undefined],
    ["chpasswd", ["-e"], undefined],
    ["chpasswd", ["-c", "sha512", "-R", "/srv"], undefined],
    ["chpasswd", ["--crypt-method", "sha512", "--root=/srv", "--md5"], undefined],
    ["chpasswd", ["-s", "5000"], "-s"],
    ["chpasswd", ["-c", "SHA512", "--sha-rounds=5000"], "--sha-rounds"],
    ["chage", ["-x", "90"], undefined],
  ] as const)("%s %j: %s", (tool, words, option) => {
    expect(first(tool, words)).toBe(option);
  });

  it("names the busybox spelling of shadow's long options that have one, and the package", () => {
    expect(shadowOnlyOption("passwd", ["--lock", "root"])).toMatchObject({
      tool: "passwd",
      kind: "option",
      option: "--lock",
      index: 0,
      package: "shadow",
      busybox: "-l",
      advice: "use -l, or apk add shadow before it",
    });
    const status = shadowOnlyOption("passwd", ["root", "-S"]);
    expect(status).toMatchObject({ option: "-S", index: 1, package: "shadow" });
    expect(status?.busybox).toBeUndefined();
    expect(status?.message).toBe("busybox passwd has no -S (an option of shadow's passwd only)");
  });
});

describe("shadowOnlyTool", () => {
  it("gives busybox's way or what busybox lacks, never both", () => {
    expect(shadowOnlyTool("chsh")?.busybox).toMatch(/adduser -s SHELL/);
    expect(shadowOnlyTool("chage")?.lacks).toBe("password ageing");
    for (const [tool, entry] of Object.entries(SHADOW_ONLY_TOOLS))
      expect([entry.busybox, entry.lacks].filter(Boolean), tool).toHaveLength(1);
  });

  it("knows nothing of busybox's own account applets, nor of inherited names", () => {
    for (const tool of ["passwd", "chpasswd", "adduser", "addgroup", "deluser", "constructor"])
      expect(shadowOnlyTool(tool), tool).toBeUndefined();
  });
});
