import { describe, expect, it } from "vitest";
import { parseExceptions } from "./exceptions.js";
import { parseVex } from "./vex.js";

// A tester's exceptions files: two YAML documents got the yaml library's own advice ("please
// use YAML.parseAllDocuments()"), and a UTF-16 one the hint to let Trivy write it.

const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string; hint?: string; exitCode: number };
  }
  throw new Error("nothing thrown");
};

const ONE = "- id: CVE-2026-1\n  reason: r\n  expires: 2026-12-31\n";

describe("an exceptions file of several YAML documents", () => {
  it.each([
    [`${ONE}---\n${ONE}`, 2, 4],
    [`---\n${ONE}...\n---\n${ONE}---\n${ONE}`, 3, 6],
  ])("says how many were found, in the user's words (%#)", (text, count, line) => {
    const err = thrown(() => parseExceptions(text, "exc.yaml"));
    expect(err.code).toBe("ALPINIZE_GATE_EXCEPTIONS_INVALID");
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(
      `exc.yaml: line ${line}: one YAML document expected, found ${count} (a --- line starts another)`,
    );
    expect(`${err.message} ${err.hint}`).not.toMatch(/parseAllDocuments|YAML\./);
    expect(err.hint).toContain("remove the --- line");
  });

  it("a --- before the only document is still one document", () => {
    expect(parseExceptions(`---\n${ONE}`, "exc.yaml")).toHaveLength(1);
  });
});

describe("a UTF-16 policy file", () => {
  const utf16 = (text: string) =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);

  it("an exceptions file is told to be saved as UTF-8, not to let Trivy write it", () => {
    const err = thrown(() => parseExceptions(utf16(ONE), "exc.yaml"));
    expect(err.message).toContain("exceptions file is UTF-16");
    expect(err.hint).toMatch(/^Save the exceptions file as UTF-8/);
    expect(err.hint).not.toContain("Trivy");
  });

  it("so is a VEX document", () => {
    const err = thrown(() => parseVex(utf16('{"statements": []}'), "v.json"));
    expect(err.hint).toMatch(/^Save the VEX document as UTF-8/);
  });
});

describe("an exceptions file nested too deeply, or with an alias of no anchor", () => {
  const block = (n: number) =>
    `exceptions:\n${Array.from({ length: n }, (_, i) => `${" ".repeat(i + 2)}-`).join("\n")} x\n`;
  const chain = (n: number) =>
    `a0: &a0 [x]\n${Array.from({ length: n }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}]`).join("\n")}\n`;

  it.each([
    ["flow, past what the YAML library can parse", `exceptions: ${"[".repeat(100_000)}`, 1],
    ["flow, 40 deep", `exceptions: ${"[".repeat(40)}${"]".repeat(40)}`, 1],
    // The line of the first collection past the bound.
    ["block, 40 deep", block(40), 34],
    ["aliases of aliases, 40 deep", chain(40), 31],
  ])("%s: refused with the bound, not a stack overflow", (_, text, line) => {
    const err = thrown(() => parseExceptions(text, "exc.yaml"));
    expect(err.code).toBe("ALPINIZE_GATE_EXCEPTIONS_INVALID");
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(
      `exc.yaml: line ${line}: nested more than 32 levels deep (an exceptions file needs 3: a list of mappings)`,
    );
  });

  it("nesting within the bound is read as before", () => {
    const deep = `x: ${"[".repeat(20)}${"]".repeat(20)}\n`;
    expect(thrown(() => parseExceptions(deep, "exc.yaml")).message).toContain("unknown key");
  });

  it("an alias whose anchor is not set before it is named as undefined", () => {
    const text = "exceptions:\n  - id: CVE-2026-1\n    reason: *why\n    expires: 2026-12-31\n";
    const err = thrown(() => parseExceptions(text, "exc.yaml"));
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(
      "exc.yaml: line 3: the alias *why is not defined (no &why anchor before it)",
    );
  });

  it("an alias of an anchor set before it still works", () => {
    const text =
      "x-why: &why r\nexceptions:\n  - id: CVE-2026-1\n    reason: *why\n    expires: 2026-12-31\n";
    expect(thrown(() => parseExceptions(text, "exc.yaml")).message).toContain("x-why: unknown key");
  });
});
