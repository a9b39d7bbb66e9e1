import { ALPINE_BASE_RELEASE } from "@alpinize/entrypoint";
import { DEFAULT_RELEASE } from "@alpinize/package-map";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

describe("alpinize entrypoint --help", () => {
  it("names the release whose base accounts alpine-id checks, next to migrate's default", async () => {
    const r = await runCli(["entrypoint", "--help"]);
    const text = r.stdout.replace(/\s+/g, " ");
    expect(text).toContain(
      `against Alpine ${ALPINE_BASE_RELEASE}'s base /etc/passwd and /etc/group`,
    );
    expect(text).toContain(`migrate's default target is ${DEFAULT_RELEASE}`);
    expect(text).toContain("(named <stdin> in messages, the diff and --json");
  });

  it("has no --alpine: there is one release's base data", async () => {
    const r = await runCli(["entrypoint", "--alpine", "3.24", "x.sh"]);
    expect(r.code).toBe(2);
  });
});
