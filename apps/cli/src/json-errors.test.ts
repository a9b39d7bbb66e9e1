import { InputError } from "@alpinize/errors";
import { hasControl } from "@alpinize/image-ref";
import { describe, expect, it } from "vitest";
import { errorJson, escapedJson, flagValue, wantsJson } from "./json-errors.js";
import { runCli } from "./test-helpers.js";
import { useTempDir } from "./test-support/temp-dir.js";

describe("json-errors helpers", () => {
  it("looks for --json and flag values only before --", () => {
    expect(wantsJson(["x", "--json"])).toBe(true);
    expect(wantsJson(["--", "--json"])).toBe(false);
    expect(flagValue(["--format", "text", "--format=json"], "--format")).toBe("json");
    expect(flagValue(["--format=json", "--format", "sarif"], "--format")).toBe("sarif");
    expect(flagValue(["--", "--format", "json"], "--format")).toBeUndefined();
  });

  it("keeps the error's own code when a detail has the same name (an errno code)", () => {
    const err = new InputError("ALPINIZE_X_UNREADABLE", "x: cannot read (EACCES)", {
      hint: "fix it",
      details: { file: "x", code: "EACCES" },
    });
    expect(errorJson(err)).toEqual({
      code: "ALPINIZE_X_UNREADABLE",
      message: "x: cannot read (EACCES)",
      hint: "fix it",
      file: "x",
    });
  });

  it("escapes DEL and C1 controls, which JSON.stringify leaves raw, and parses back the same", () => {
    const text = "a\u009b31mb\u007fc\u001bd";
    const json = escapedJson({ message: text });
    expect(hasControl(json)).toBe(false);
    expect(json).toContain("\\u009b");
    expect(JSON.parse(json)).toEqual({ message: text });
  });
});

/** Each command's failing --json run, and the top-level type its success document has. */
const CASES: { argv: string[]; type: "array" | "object"; stderr: RegExp }[] = [
  { argv: ["migrate", "--json", "missing/Dockerfile"], type: "object", stderr: /no such file/ },
  { argv: ["migrate", "--json", "--bogus", "x"], type: "object", stderr: /--bogus/ },
  { argv: ["check", "--json", "missing"], type: "array", stderr: /does not exist/ },
  { argv: ["entrypoint", "--json", "missing.sh"], type: "object", stderr: /no such file/ },
  { argv: ["packages", "map", "--json"], type: "array", stderr: /package name/ },
  { argv: ["packages", "explain", "--json", "A_B"], type: "object", stderr: /not a valid/ },
  { argv: ["resolve", "--json"], type: "array", stderr: /image reference/ },
  { argv: ["pin", "--json", "missing/Dockerfile"], type: "object", stderr: /cannot read/ },
  { argv: ["gate", "--format", "json", "missing.json"], type: "object", stderr: /no such file/ },
];

/** The same command asking for human output: no --json, no --format json. */
function withoutJson(argv: string[]): string[] {
  return argv.filter((a, i) => a !== "--json" && !(a === "--format" || argv[i - 1] === "--format"));
}

describe("every --json command on an error that stops it", () => {
  const tmp = useTempDir("alpinize-json-errors-", { scope: "all" });

  it.each(CASES)("$argv: one JSON document on stdout, the message on stderr, exit 2", async (c) => {
    const r = await runCli(c.argv, { cwd: tmp.dir });
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as unknown;
    expect(Array.isArray(doc) ? "array" : typeof doc).toBe(c.type);
    // Never an empty array: that would read as "nothing wrong".
    if (Array.isArray(doc)) expect(doc).toHaveLength(1);
    expect(r.stderr).toMatch(/^error /);
    expect(r.stderr).toMatch(c.stderr);
  });

  it.each(CASES)("$argv without --json: stdout stays empty", async (c) => {
    const r = await runCli(withoutJson(c.argv), { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(c.stderr);
  });
});
