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
