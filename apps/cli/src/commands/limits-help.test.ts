import { MAX_INSTRUCTIONS, MAX_PACKAGE_DECISIONS } from "@alpinize/dockerfile";
import { describe, expect, it } from "vitest";
import { help as checkHelp } from "./check/index.js";
import { help as migrateHelp } from "./migrate/index.js";

/** The help's Limits paragraph, its lines joined. */
function limits(help: string): string {
  const start = help.indexOf("\nLimits: ");
  expect(start).toBeGreaterThan(0);
  const end = help.indexOf("\nExit codes:", start);
  return help.slice(start + 1, end).replace(/\s*\n\s*/g, " ");
}

const instructions = MAX_INSTRUCTIONS.toLocaleString("en-US");
const packages = MAX_PACKAGE_DECISIONS.toLocaleString("en-US");

describe("the limits --help lists", () => {
  it("migrate names the size, instruction and sh -c string limits it refuses past, with codes", () => {
    const text = limits(migrateHelp);
    expect(text).toContain("4 MiB");
    expect(text).toContain(
      `${instructions} instructions (ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS)`,
    );
    expect(text).toContain("200,000 sh -c strings");
    expect(text).toContain("ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS");
    expect(text).toContain(`more than ${packages} packages`);
    expect(text).toContain("ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES");
    expect(text).toContain("exit 2");
  });

  it("check names the instruction limit, the sh -c strings and the findings cap", () => {
    const text = limits(checkHelp);
    expect(text).toContain(`${instructions} instructions is not checked (exit 2`);
    expect(text).toContain("ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS");
    expect(text).toContain("200,000 sh -c strings");
    expect(text).toContain("at most 1,000 findings of each rule");
    expect(text).toContain(`more than ${packages} packages`);
    expect(text).toContain("ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES");
  });
});
