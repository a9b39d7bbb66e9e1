import { createPackageMap } from "@alpinize/package-map";
import { describe, expect, it } from "vitest";
import { MigrationContext } from "../migrate/context.js";
import { migrateDockerfile } from "../migrate/migrate.js";
import { parseDockerfile } from "../parse/dockerfile.js";
import {
  assertShellStringsBounded,
  MAX_SHELL_STRINGS,
  TooManyShellStringsError,
} from "./nested-limit.js";

const packageMap = createPackageMap({ release: "3.23" });

/** Whether `text` passes the count of `limit` strings, else the refusal. */
function bounded(text: string, limit: number): true | TooManyShellStringsError {
  const ctx = new MigrationContext(parseDockerfile(text), packageMap, "3.23");
  try {
    assertShellStringsBounded(ctx, "Dockerfile", limit);
    return true;
  } catch (err) {
    if (err instanceof TooManyShellStringsError) return err;
    throw err;
  }
}

describe("a Dockerfile with more sh -c strings than migrate reads", () => {
  it("counts the strings of every RUN, nested ones too, and refuses past the limit", () => {
    const text = `FROM debian:12\nRUN sh -c 'echo a'; bash -c "sh -c 'echo b'"\nRUN true && sh -c 'x'\n`;
    expect(bounded(text, 4)).toBe(true);
    const err = bounded(text, 3);
    expect(err).toBeInstanceOf(TooManyShellStringsError);
    expect(err).toMatchObject({
      code: "ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS",
      exitCode: 2,
      details: { line: 3, limit: 3, count: 4 },
    });
    // The first RUN alone holds three: the nested one counts.
    expect(bounded(text, 2)).toMatchObject({ details: { line: 2 } });
  });

  it("refuses a RUN of more than MAX_SHELL_STRINGS strings with exit 2, not a heap abort", () => {
    const text = `FROM debian:12\nRUN true${";sh -c 'echo a'".repeat(MAX_SHELL_STRINGS + 1)}\n`;
    expect(() => migrateDockerfile(text)).toThrow(
      expect.objectContaining({
        code: "ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS",
        exitCode: 2,
        message: expect.stringContaining(`more than ${MAX_SHELL_STRINGS} sh -c strings`),
      }),
    );
  }, 60_000);
});
