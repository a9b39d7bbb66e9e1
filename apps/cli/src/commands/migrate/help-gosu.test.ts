import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

describe("migrate --help on gosu calls in entrypoints", () => {
  it("says what happens where the image had no su-exec: alpinize_exec_as, and su-exec added", async () => {
    const r = await runCli(["migrate", "--help"]);
    const help = r.stdout.replace(/\s+/g, " ");
    expect(help).toMatch(
      /a gosu call becomes su-exec, one word, where the migrated image installs su-exec/,
    );
    expect(help).toMatch(
      /else alpinize_exec_as, and su-exec is added to the apk add of an image that has none of su-exec, gosu or setpriv/,
    );
  });
});
