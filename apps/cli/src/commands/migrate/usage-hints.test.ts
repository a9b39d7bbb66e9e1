import { KNOWN_RELEASES } from "@alpinize/package-map";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

describe("migrate usage messages", () => {
  it.each([[["Dockerfile"]], [["."]]])(
    "an unknown --alpine release has the command's prefix and lists the known ones (%j)",
    async (paths) => {
      const r = await runCli(["migrate", "--alpine", "9.99", ...paths]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('alpinize migrate: unknown Alpine release "9.99"');
      expect(r.stderr).toContain(`alpinize knows Alpine ${KNOWN_RELEASES.join(", ")}`);
    },
  );

  it("--json keeps the release error's code", async () => {
    const r = await runCli(["migrate", "--json", "--alpine", "9.99", "Dockerfile"]);
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({
      code: "ALPINIZE_RELEASE_UNKNOWN",
      message: 'alpinize migrate: unknown Alpine release "9.99"',
    });
  });

  it("--write with --check says which to use where", async () => {
    const r = await runCli(["migrate", "--write", "--check", "Dockerfile"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--write and --check are exclusive: use --check in CI and --write to apply",
    );
    expect(r.stderr).not.toContain("Run the command with --help");
  });
});
