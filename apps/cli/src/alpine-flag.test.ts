import { DEFAULT_RELEASE, KNOWN_RELEASES } from "@alpinize/package-map";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";

// A tester found `packages map --alpine edge` and `migrate --alpine edge` worded differently
// ("is not an Alpine release like 3.23" against "needs a release like 3.23"): one message now.

const KNOWN = KNOWN_RELEASES.join(", ");

describe("--alpine with a value that is no release, or an unknown one", () => {
  it.each([
    [["migrate", "--alpine", "edge", "Dockerfile"], "migrate", "FILE"],
    [["packages", "map", "--alpine", "edge", "curl"], "packages map", "NAME"],
    [["packages", "explain", "--alpine", "edge", "curl"], "packages explain", "NAME"],
  ])("%j: one wording, the command's prefix", async (args, command, operand) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error alpinize ${command}: --alpine needs a release like 3.23, not "edge"\n` +
        `  Put the release after --alpine (one of ${KNOWN}): alpinize ${command} --alpine ${DEFAULT_RELEASE} ${operand}.\n`,
    );
  });

  it.each([
    [["migrate", "--alpine", "3.1", "Dockerfile"], "migrate"],
    [["packages", "map", "--alpine", "3.1", "curl"], "packages map"],
  ])("%j: the known releases", async (args, command) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error alpinize ${command}: unknown Alpine release "3.1"\n` +
        `  alpinize knows Alpine ${KNOWN}: pass one with --alpine X.Y (default ${DEFAULT_RELEASE}).\n`,
    );
  });

  // A tester found `packages map --alpine 3.23.99` run as 3.23 (exit 0) while migrate refused
  // 3.23.1: every command now refuses a point release and names its branch.
  it.each([
    [["migrate", "--alpine", "3.23.1", "Dockerfile"], "migrate", "3.23.1", "FILE"],
    [["packages", "map", "--alpine", "3.23.1", "curl"], "packages map", "3.23.1", "NAME"],
    [["packages", "map", "curl", "--alpine", "3.23.99"], "packages map", "3.23.99", "NAME"],
    [["packages", "explain", "--alpine", "3.22.0", "curl"], "packages explain", "3.22.0", "NAME"],
  ])(
    "%j: a point release is refused, its branch suggested",
    async (args, command, value, operand) => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      const branch = value.split(".").slice(0, 2).join(".");
      expect(r.stderr).toBe(
        `error alpinize ${command}: --alpine needs a release like 3.23, not "${value}"\n` +
          `  Give the branch, not a point release (its point releases share its packages): alpinize ${command} --alpine ${branch} ${operand}.\n`,
      );
    },
  );

  it("keeps each command's codes", async () => {
    const point = await runCli(["packages", "map", "--json", "--alpine", "3.23.2", "curl"]);
    expect(point.code).toBe(2);
    expect(JSON.parse(point.stdout)[0].error.code).toBe("ALPINIZE_PACKAGES_UNKNOWN_RELEASE");
    const bad = await runCli(["packages", "map", "--json", "--alpine", "edge", "curl"]);
    expect(JSON.parse(bad.stdout)[0].error.code).toBe("ALPINIZE_PACKAGES_UNKNOWN_RELEASE");
    const unknown = await runCli(["migrate", "--json", "--alpine", "3.1", "Dockerfile"]);
    expect(JSON.parse(unknown.stdout).errors[0].code).toBe("ALPINIZE_RELEASE_UNKNOWN");
  });
});
