import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";

// Every Debian name we hold facts for, thinned to a few thousand spread over the alphabet,
// plus the t64 and Ubuntu spellings the rules must also handle.
const facts = JSON.parse(
  readFileSync(new URL("../data/debian-bookworm.json", import.meta.url), "utf8"),
) as { binaries: Record<string, string[]> };
const all = Object.keys(facts.binaries);
const sample = all.filter((_, i) => i % 12 === 0);
const extra = [
  "libssl3t64",
  "libcurl4t64",
  "libglib2.0-0t64",
  "libicu74",
  "libmysqlclient-dev",
  "python3.12-venv",
  "openjdk-25-jdk",
  "postgresql-client-17",
  "clang-19",
  "php8.3-gd",
];

describe.each(KNOWN_RELEASES)("Alpine %s", (release) => {
  // Built lazily inside the tests, so loading a release counts against the test timeout.
  const map = () => createPackageMap({ release });
  it(`never emits a name missing from the release (${sample.length + extra.length} Debian names)`, {
    timeout: 60_000,
  }, () => {
    const pm = map();
    const missing: string[] = [];
    for (const name of [...sample, ...extra]) {
      const d = pm.map(name);
      for (const a of d.alpine) if (!pm.exists(a)) missing.push(`${name} → ${a} (${d.layer})`);
      for (const c of d.candidates ?? []) if (!pm.exists(c)) missing.push(`${name} candidate ${c}`);
    }
    expect(missing).toEqual([]);
  });

  it("maps most of the sample to something", { timeout: 60_000 }, () => {
    const pm = map();
    const unknown = sample.filter((n) => pm.map(n).kind === "unknown").length;
    // A floor that catches a broken join or data file, not a quality target.
    expect(unknown / sample.length).toBeLessThan(0.8);
  });
});

describe("names outside Debian's index", () => {
  it("treats an invalid name as unknown instead of guessing", () => {
    const d = createPackageMap({ release: "3.23" }).map("Foo_Bar");
    expect(d.kind).toBe("unknown");
    expect(d.layer).toBe("invalid");
    expect(d.alpine).toEqual([]);
  });
});
