import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

// A tester found `packages map libcap2-bin --uses nonexistentcmd` print libcap-utils, exit 0,
// with nothing saying that no part of libcap2-bin ships that command.

describe("packages --uses naming a command the package does not ship", () => {
  it("warns on stderr, keeps the answer and exit 0", async () => {
    const r = await runCli(["packages", "map", "libcap2-bin", "--uses", "nonexistentcmd"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("libcap-utils");
    expect(r.stderr).toBe(
      "warning alpinize packages map: --uses nonexistentcmd: no part of libcap2-bin ships it (it has capsh, getcap, getpcaps, setcap), so the answer is not narrowed\n",
    );
  });

  it("puts the warning in the --json entry too", async () => {
    const r = await runCli(["packages", "map", "--json", "libcap2-bin", "--uses", "a,b"]);
    expect(r.code).toBe(0);
    const [entry] = JSON.parse(r.stdout);
    expect(entry.alpine).toEqual(["libcap-utils"]);
    expect(entry.warning).toMatch(/^--uses a, b: no part of libcap2-bin ships any of them/);
    expect(r.stderr).toContain(entry.warning);
    const explained = await runCli([
      "packages",
      "explain",
      "--json",
      "gettext-base",
      "--uses",
      "zz",
    ]);
    expect(JSON.parse(explained.stdout).decision.warning).toMatch(/no part of gettext-base/);
  });

  it("stays quiet when a command is shipped, or the package has one command or none", async () => {
    for (const args of [
      ["libcap2-bin", "--uses", "setcap,nonexistentcmd"],
      ["curl", "--uses", "git"],
      ["nodejs", "--uses", "git"],
      ["libssl-dev", "--uses", "git"],
    ]) {
      const r = await runCli(["packages", "map", ...args]);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stderr, args.join(" ")).toBe("");
    }
  });

  it("escapes and bounds what it repeats of --uses", async () => {
    const long = "x".repeat(5000);
    const r = await runCli(["packages", "map", "libcap2-bin", "--uses", `\u001b[31m,${long}`]);
    expect(r.stderr).not.toContain("\u001b");
    expect(r.stderr.length).toBeLessThan(400);
  });
});
