import { isAmbiguousDockerfileName, isDockerfileName } from "@alpinize/dockerfile";
import { describe, expect, it } from "vitest";
import { detectFileKind } from "./locate.js";

const DOCKERFILE = "# syntax=docker/dockerfile:1\n\nARG BASE=debian:trixie\nFROM $BASE\n";
const SCRIPT = "#!/bin/sh\nFROM=1\necho $FROM\n";

/** Names migrate DIR and check DIR read by what they hold (@alpinize/dockerfile's one rule). */
const AMBIGUOUS = [
  "Dockerfile.sh",
  "Dockerfile.bash",
  "Dockerfile.zsh",
  "Dockerfile.txt",
  "Dockerfile.md",
  "Dockerfile.bak",
  "Dockerfile.old",
  "Dockerfile.tmp",
  "Dockerfile.patch",
  "Dockerfile.xml",
  "Containerfile.orig",
  "dockerfile.sh",
  "dockerfile.prod",
  "DOCKERFILE.txt",
  "app.Dockerfile.sh",
  "x.dockerfile.txt",
  "containerfile.bak",
];

describe("detectFileKind on names such as Dockerfile.sh", () => {
  it("cannot tell from the name alone, as file discovery cannot", () => {
    for (const name of AMBIGUOUS) {
      expect(isAmbiguousDockerfileName(name), name).toBe(true);
      expect(detectFileKind(`deploy/${name}`), name).toBeUndefined();
    }
  });

  it("takes one that holds a Dockerfile (first instruction FROM or ARG)", () => {
    for (const name of AMBIGUOUS) {
      expect(detectFileKind(`deploy/${name}`, DOCKERFILE), name).toBe("dockerfile");
      expect(detectFileKind(name, "\uFEFFFROM alpine:3.23\n"), name).toBe("dockerfile");
    }
  });

  it("never takes a script, a document, an empty file or a patch", () => {
    for (const text of [SCRIPT, "# notes\n\nbuilt FROM debian\n", "", "# only\n", "--- a\n"]) {
      for (const name of AMBIGUOUS)
        expect(detectFileKind(name, text), `${name}: ${text}`).toBeUndefined();
    }
  });

  it("reads the text only for those names: others keep their kind from the name", () => {
    expect(detectFileKind("dockerfile.ts", 'import { x } from "y";\n')).toBeUndefined();
    expect(detectFileKind("dockerfile.py", "# reader\nfrom os import path\n")).toBeUndefined();
    expect(detectFileKind("values.yaml", DOCKERFILE)).toBeUndefined();
    expect(detectFileKind("Dockerfile.prod", SCRIPT)).toBe("dockerfile");
    expect(detectFileKind("compose.yaml", DOCKERFILE)).toBe("compose");
    expect(detectFileKind(".github/workflows/Dockerfile.yml", DOCKERFILE)).toBe("workflow");
  });

  it("says Dockerfile by name exactly where file discovery does", () => {
    for (const name of [
      ...AMBIGUOUS,
      "Dockerfile",
      "containerfile",
      "Dockerfile.prod",
      "api.dockerfile",
      "dockerfile.ts",
      "Dockerfile.test.ts",
      "Dockerfile.dockerignore",
    ]) {
      const byName = detectFileKind(name) === "dockerfile";
      expect(byName, name).toBe(isDockerfileName(name));
    }
  });
});
