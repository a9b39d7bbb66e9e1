import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

describe("alpinize packages --json on an error", () => {
  it("map prints an array with one kind-error entry", async () => {
    const r = await runCli(["packages", "map", "--json", "libssl-dev", "Not_A_Name"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        debian: null,
        alpine: [],
        kind: "error",
        reason: 'alpinize packages map: not a valid Debian package name: "Not_A_Name"',
        layer: "error",
        error: {
          code: "ALPINIZE_PACKAGES_BAD_NAME",
          message: 'alpinize packages map: not a valid Debian package name: "Not_A_Name"',
          hint: expect.any(String) as unknown,
          names: ["Not_A_Name"],
        },
      },
    ]);
    expect(r.stderr).toContain(
      'error alpinize packages map: not a valid Debian package name: "Not_A_Name"',
    );
  });

  it("explain prints its object with that entry as the decision", async () => {
    const r = await runCli(["packages", "explain", "--json", "curl", "--alpine", "x"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      release: null,
      decision: {
        debian: null,
        kind: "error",
        error: { code: "ALPINIZE_PACKAGES_UNKNOWN_RELEASE" },
      },
      steps: [],
      error: { code: "ALPINIZE_PACKAGES_UNKNOWN_RELEASE" },
    });
    expect(r.stderr).toContain(
      `alpinize packages explain: --alpine needs a release like 3.23, not "x"`,
    );
  });

  it("prints {error} without a known subcommand", async () => {
    const r = await runCli(["packages", "mapp", "--json", "curl"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: "ALPINIZE_USAGE",
        message: 'alpinize packages: unknown subcommand "mapp" (expected map or explain)',
        hint: expect.any(String) as unknown,
      },
    });
    expect(r.stderr).toContain('unknown subcommand "mapp"');
  });
});
