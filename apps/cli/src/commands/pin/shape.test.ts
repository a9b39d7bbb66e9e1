import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

// A tester's files that `pin --check` passed with exit 0 and "0 problems".
const dir = mkdtempSync(join(tmpdir(), "alpinize-pin-shape-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const pin = (...args: string[]) => runCli(["pin", ...args], { cwd: dir });

describe("alpinize pin --check on files compose, GitHub or docker build refuse", () => {
  it.each([
    ["empty.Dockerfile", "", [], "empty.Dockerfile:1: no FROM instruction"],
    ["compose.yaml", "", [], "compose.yaml:1: empty compose file"],
    [
      "list.compose.yaml",
      "services:\n  - image: nginx:1\n",
      [],
      "list.compose.yaml:1: services is a list",
    ],
    [
      "bad.compose.yaml",
      "hello: [\n",
      [],
      "bad.compose.yaml:1: the flow collection opened here with [ is never closed",
    ],
    ["notes.txt", "hello\n", ["--kind", "workflow"], "notes.txt:1: the workflow is a single value"],
    ["ci.yml", "- a\n", ["--kind", "workflow"], "ci.yml:1: the workflow is a list"],
    ["empty.yml", "\n", ["--kind", "workflow"], "empty.yml:1: empty workflow"],
  ])("%s: exit 2, naming the file and what was expected", async (name, text, flags, message) => {
    put(name, text);
    const r = await pin("--check", ...flags, name);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain("0 problems");
  });

  it("a compose image: that YAML reads as a number or boolean is not an image reference", async () => {
    const name = put(
      "num.compose.yaml",
      "services:\n  a:\n    image: 1.5\n  b:\n    image: true\n",
    );
    for (const flags of [["--check"], []]) {
      const r = await pin(...flags, name);
      expect(r.code, flags.join(" ")).toBe(2);
      expect(r.stderr).toContain(
        "num.compose.yaml:3: error services.a.image is a YAML number (1.5), not an image reference",
      );
      expect(r.stderr).toContain(
        "num.compose.yaml:5: error services.b.image is a YAML boolean (true)",
      );
      expect(r.stdout + r.stderr).not.toContain("not pinned");
    }
  });
});
