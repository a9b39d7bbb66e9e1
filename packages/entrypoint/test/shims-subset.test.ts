import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readShims, SHIM_FUNCTIONS } from "../src/index.js";
import { shimNamesIn, shimSubset, shimUnits, splitShims } from "../src/shims-subset.js";
import { BUSYBOX } from "./support/roots.js";

/** The code lines of a piece of the library: comment lines say what calls what, they call nothing. */
const code = (text: string) =>
  text
    .split("\n")
    .filter((l) => !/^\s*#/.test(l))
    .join("\n");

/** Runs SHELL on a file that sources LIBRARY, then PROBE; its output. */
function sourced(shell: string[], library: string, probe: string): string {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-subset-"));
  try {
    writeFileSync(join(dir, "lib.sh"), library);
    const script = `. "$1"; ${probe}`;
    return execFileSync(shell[0]!, [...shell.slice(1), "-c", script, "sh", join(dir, "lib.sh")], {
      encoding: "utf8",
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("splitting the shim library into definitions", () => {
  it("cuts it into pieces that give the library back, byte for byte", () => {
    const units = shimUnits();
    expect(units.map((u) => u.text).join("")).toBe(readShims());
    for (const name of SHIM_FUNCTIONS) expect(units.map((u) => u.name)).toContain(name);
    // Every top-level definition starts a piece of its own, comments before it included.
    const defined = [...readShims().matchAll(/^([A-Za-z_]\w*)(?:\(\) \{|=)/gm)].map((m) => m[1]);
    expect(units.map((u) => u.name)).toEqual(defined);
  });

  it("reads a quoted value across lines, and one-line functions", () => {
    const lib = [
      "# head",
      "V=1",
      "",
      "# awk, with a } line of its own",
      "_p='",
      "{ x }",
      "}",
      "n=2'",
      "one() { two; }",
      "two() { # says",
      '  printf "%s" "$_p"',
      "}",
      "# tail",
      "",
    ].join("\n");
    const units = splitShims(lib);
    expect(units.map((u) => [u.name, [...u.uses]])).toEqual([
      ["V", []],
      ["_p", []],
      ["one", ["two"]],
      ["two", ["_p"]],
    ]);
    expect(units.map((u) => u.text).join("")).toBe(lib);
    expect(units[1]!.text).toBe("\n# awk, with a } line of its own\n_p='\n{ x }\n}\nn=2'\n");
  });

  it("does not take a function named in a message for a call", () => {
    const resolve = shimUnits().find((u) => u.name === "_alpinize_resolve_group")!;
    expect(resolve.text).toContain("create it first with alpinize_ensure_group");
    expect(resolve.uses.has("alpinize_ensure_group")).toBe(false);
  });
});

describe("a subset of the library", () => {
  it("defines every library name its code uses (names in messages aside)", () => {
    for (const fn of SHIM_FUNCTIONS) {
      const subset = shimSubset([fn]);
      const defined = new Set(splitShims(subset.text).map((u) => u.name));
      const lines = code(subset.text).split("\n");
      for (const name of shimNamesIn(code(subset.text))) {
        if (defined.has(name)) continue;
        const uses = lines.filter((l) => shimNamesIn(l).has(name));
        // Only a message may name a function the subset leaves out.
        for (const l of uses) expect(l, `${fn}: ${name}`).toMatch(/_alpinize_say "/);
      }
    }
  });

  it("is the whole library, unchanged, for every public function", () => {
    const all = shimSubset(SHIM_FUNCTIONS);
    expect(all.whole).toBe(true);
    expect(all.text).toBe(readShims());
    expect(all.functions).toEqual(expect.arrayContaining([...SHIM_FUNCTIONS]));
  });

  it("for alpinize_exec_as, carries none of the user and group writers", () => {
    const subset = shimSubset(["alpinize_exec_as"]);
    expect(subset.whole).toBe(false);
    expect(subset.functions).toEqual(["alpinize_exec_as"]);
    for (const absent of ["_alpinize_rewrite", "groupadd", "alpinize_ensure_group("])
      expect(subset.text).not.toContain(absent);
    expect(subset.text).toContain("ALPINIZE_SHIMS_VERSION=2");
    const lines = (t: string) => t.split("\n").length;
    expect(lines(subset.text) * 3).toBeLessThan(lines(readShims()));
  });

  const shells: [string, string[]][] = [["dash", ["dash"]]];
  if (existsSync(BUSYBOX)) shells.push(["busybox sh", [BUSYBOX, "sh"]]);
  for (const [label, shell] of shells) {
    it(`sourced by ${label}, defines what it lists and nothing it leaves out`, () => {
      for (const fn of SHIM_FUNCTIONS) {
        const subset = shimSubset([fn]);
        const probe = SHIM_FUNCTIONS.map(
          (f) => `if command -v ${f} >/dev/null; then echo ${f}; fi; `,
        ).join("");
        const out = sourced(shell, subset.text, probe).trim().split("\n");
        expect(out.sort(), fn).toEqual([...subset.functions].sort());
      }
    });
  }
});
