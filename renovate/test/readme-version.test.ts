import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

// The README names the lowest Renovate the presets were checked with: the one the lab installs.
describe("the Renovate version the README asks for", () => {
  it("is the release the test lab installs, and default.json is the one with relative extends", () => {
    const installed = /^RENOVATE_VERSION=(\S+)$/m.exec(
      read("../../scripts/ci/install-renovate.sh"),
    )?.[1];
    expect(installed).toMatch(/^\d+\.\d+\.\d+$/);
    const readme = read("../README.md").replace(/\s+/g, " ");
    expect(readme).toContain(
      `The lowest release checked here is Renovate ${installed}, the version the test lab installs`,
    );
    const extendsOf = (file: string) =>
      (JSON.parse(read(`../${file}`)) as { extends?: string[] }).extends ?? [];
    expect(extendsOf("default.json").every((e) => e.startsWith("./"))).toBe(true);
    for (const file of ["digests.json", "alpine-line.json", "annotated-images.json"]) {
      expect(extendsOf(file).some((e) => e.startsWith("./"))).toBe(false);
    }
  });
});
