import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "./types.js";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** Rule id → "fails when" text of each row of the README's `alpinize check` rules table. */
function readmeRules(): Map<string, string> {
  const section = README.split(/^## /m).find((s) => s.startsWith("`alpinize check` rules")) ?? "";
  const rows = new Map<string, string>();
  for (const line of section.split("\n")) {
    const row = /^\| `([a-z-]+)` +\| (.*) \| [^|]+ \|$/.exec(line);
    if (row) rows.set(row[1]!, row[2]!.trim());
  }
  return rows;
}

describe("the README's check rules table", () => {
  it("has a row for every rule id, and none for an id the checker does not have", () => {
    const rows = [...readmeRules().keys()];
    expect(RULE_IDS.filter((id) => !rows.includes(id))).toEqual([]);
    expect(rows.filter((id) => !(RULE_IDS as readonly string[]).includes(id))).toEqual([]);
  });

  it("says when each rule fails", () => {
    const rows = readmeRules();
    expect(RULE_IDS.filter((id) => (rows.get(id) ?? "").split(" ").length < 6)).toEqual([]);
  });

  it("names the passwd and chpasswd options shadow-user-commands reports", () => {
    expect(readmeRules().get("shadow-user-commands")).toMatch(/`passwd -x 90`.*`chpasswd -s/);
  });
});
