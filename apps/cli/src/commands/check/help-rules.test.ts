import { RULE_IDS } from "@alpinize/repo";
import { describe, expect, it } from "vitest";
import { help } from "./index.js";

/**
 * The Rules block of --help: each rule id at two spaces of indent, its description after it and on
 * the lines below, indented deeper. Id → description, continuation lines joined.
 */
function helpRules(): Map<string, string> {
  const lines = help.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Rules "));
  const rules = new Map<string, string>();
  let current: string | undefined;
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "") break;
    const head = /^ {2}([a-z][a-z-]+)(?: {2,}(.*))?$/.exec(line);
    if (head) {
      current = head[1]!;
      rules.set(current, head[2] ?? "");
    } else if (current !== undefined && /^ {3,}\S/.test(line))
      rules.set(current, `${rules.get(current)} ${line.trim()}`);
  }
  return rules;
}

describe("alpinize check --help", () => {
  // The rule list in --help is written by hand; a rule added to @alpinize/repo must show up there.
  it("names every rule id the checker can report, and no other", () => {
    const listed = [...helpRules().keys()];
    expect(RULE_IDS.filter((id) => !listed.includes(id))).toEqual([]);
    expect(listed.filter((id) => !(RULE_IDS as readonly string[]).includes(id))).toEqual([]);
  });

  it("describes each rule on its own line", () => {
    const rules = helpRules();
    const bare = RULE_IDS.filter((id) => (rules.get(id) ?? "").split(" ").length < 6);
    expect(bare).toEqual([]);
  });

  it("says what today's rules cover beyond their first cases", () => {
    const rules = helpRules();
    expect(rules.get("alpine-id-taken")).toMatch(/name or ID.*www-data.*node.*delgroup/);
    expect(rules.get("shadow-user-commands")).toMatch(/passwd\/chpasswd option.*passwd -x/);
    // A COPY source that is a link to nothing is a context-link finding too, not only links out.
    expect(rules.get("context-link")).toMatch(
      /outside the build context.*links to nothing \(dangling\)/,
    );
  });

  // The summary calls a run "clean" only when nothing at all was found; one with warnings
  // passes (exit 0) but is not clean, and the exit codes must not say otherwise.
  it("states exit 0 as no error-level finding, not as clean", () => {
    const codes = help.slice(help.indexOf("Exit codes:")).replace(/\s+/g, " ");
    expect(codes).toMatch(
      /^Exit codes: 0 no error-level finding \(warnings allowed\), 1 an error-level finding, 2 /,
    );
    expect(codes).not.toMatch(/\bclean\b/);
  });
});
