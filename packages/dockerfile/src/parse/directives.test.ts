import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./dockerfile.js";
import { DockerfileSyntaxError } from "./errors.js";

/** The error parseDockerfile throws for `text`, or undefined when it parses. */
function refusal(text: string): DockerfileSyntaxError | undefined {
  try {
    parseDockerfile(text, { fileName: "Dockerfile" });
    return undefined;
  } catch (err) {
    if (err instanceof DockerfileSyntaxError) return err;
    throw err;
  }
}

// BuildKit's DirectiveParser (frontend/dockerfile/parser/directives.go) refuses a known directive
// seen twice in the leading block: "only one escape parser directive can be used".
describe("parser directives as BuildKit reads them", () => {
  it("refuses a second escape directive, naming both lines", () => {
    const err = refusal("# escape=\\\n# escape=`\nFROM alpine:3.20\nRUN true\n");
    expect(err?.code).toBe("ALPINIZE_DOCKERFILE_SYNTAX");
    expect(err?.line).toBe(2);
    expect(err?.message).toBe(
      "Dockerfile:2: only one escape parser directive can be used (line 1 has one; docker build refuses the file)",
    );
    expect(err?.hint).toMatch(/docker build/);
  });

  it("refuses a repeated directive with another one between, and in any letter case", () => {
    const err = refusal("# syntax=docker/dockerfile:1\n# escape=`\n# SYNTAX=x\nFROM alpine\n");
    expect(err?.line).toBe(3);
    expect(err?.message).toMatch(/only one syntax parser directive/);
  });

  it("reads a directive after a comment, a blank line or an unknown key as a comment", () => {
    for (const head of ["# hello\n", "\n", "# foo=bar\n", "# escape=\n"]) {
      const doc = parseDockerfile(`# escape=\`\n${head}# escape=\\\nFROM alpine:3.20\n`);
      expect(doc.escape).toBe("`");
      expect(doc.directives.map((d) => d.name)).toEqual(["escape"]);
    }
  });

  it("takes `# escape=` with no value as a comment, as BuildKit's (.+?) does", () => {
    const doc = parseDockerfile("# escape=\n# escape=`\nFROM alpine:3.20\nRUN dir \\\n  x\n");
    expect(doc.directives).toEqual([]);
    expect(doc.escape).toBe("\\");
    expect(doc.instructions[1]?.args.text).toBe("dir   x");
  });

  it("refuses an escape value of one blank, which BuildKit reads as the value", () => {
    expect(refusal("# escape= \nFROM alpine:3.20\n")?.message).toMatch(
      /invalid escape directive " "/,
    );
  });

  it("trims blanks around a value", () => {
    const doc = parseDockerfile("#  escape \t=  `  \nFROM alpine:3.20\n");
    expect(doc.escape).toBe("`");
  });

  it("reads a first line with a long run of blanks inside its value in linear time", () => {
    // The former lazy value pattern backtracked over the blanks once per character (seconds).
    const line = `# syntax=a${" ".repeat(1_000_000)}b`;
    const doc = parseDockerfile(`${line}\nFROM alpine:3.20\n`);
    expect(doc.directives[0]?.value).toBe(`a${" ".repeat(1_000_000)}b`);
  });
});
