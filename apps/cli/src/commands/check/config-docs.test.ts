import { readFileSync } from "node:fs";
import { defaultConfig, parseConfigText } from "@alpinize/repo";
import { describe, expect, it } from "vitest";

const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

/** Every settings key, as a dotted path, from the defaults the loader starts with. */
function settingKeys(): string[] {
  const { source: _source, ...config } = defaultConfig();
  return Object.entries(config).flatMap(([key, value]) =>
    value !== null && typeof value === "object"
      ? Object.keys(value).map((sub) => `${key}.${sub}`)
      : [key],
  );
}

describe("the settings documentation a config error points to", () => {
  const section = README.split(/^## /m).find((s) => s.startsWith("Configuration\n")) ?? "";

  it("is a Configuration section of the README npm ships with the alpinize package", () => {
    // npm packs README.md with every package whatever "files" says: apps/cli/README.md ships.
    expect(section).not.toBe("");
    let hint = "";
    try {
      parseConfigText('{"alpin": "3.23"}', "alpinize.config.json");
    } catch (err) {
      hint = (err as { hint?: string }).hint ?? "";
    }
    expect(hint).toMatch(/"Configuration" in the README of the alpinize npm package/);
  });

  it("names every key the loader accepts", () => {
    const missing = settingKeys().filter((key) => !section.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });
});
