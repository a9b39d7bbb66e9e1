import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

describe("alpinize packages map", () => {
  it("prints one JSON object per name, in input order", async () => {
    const r = await runCli([
      "packages",
      "map",
      "libssl-dev",
      "apt-transport-https",
      "curl",
      "--alpine",
      "3.23",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      debian: string;
      alpine: string[];
      kind: string;
      reason: string;
    }[];
    expect(out.map((d) => [d.debian, d.alpine, d.kind])).toEqual([
      ["libssl-dev", ["openssl-dev"], "renamed"],
      ["apt-transport-https", [], "none"],
      ["curl", ["curl"], "exact"],
    ]);
    for (const d of out) expect(d.reason.length).toBeGreaterThan(0);
  });

  it("uses --uses to pick the smallest split package", async () => {
    const r = await runCli([
      "packages",
      "map",
      "libcap2-bin",
      "--uses",
      "setcap",
      "--alpine",
      "3.23",
      "--json",
    ]);
    expect(JSON.parse(r.stdout)[0].alpine).toEqual(["libcap-setcap"]);
  });

  it("exits 1 when a name is unknown, still printing every answer", async () => {
    const r = await runCli(["packages", "map", "curl", "libfrobnicate-widget7"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^curl\s+curl\s+\[exact\]/m);
    expect(r.stdout).toMatch(/libfrobnicate-widget7\s+\?\s+\[unknown\]/);
  });

  it("exits 2 for an unknown release, naming the releases that exist", async () => {
    const r = await runCli(["packages", "map", "curl", "--alpine", "3.9"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`unknown Alpine release "3.9"`);
    expect(r.stderr).toMatch(/3\.21, 3\.22, 3\.23, 3\.24/);
  });

  it("exits 2 for a name that is not a Debian package name", async () => {
    const r = await runCli(["packages", "map", "curl", "Foo=1.2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a valid Debian package name: "Foo=1.2"/);
    expect(r.stdout).toBe("");
  });

  it("exits 2 without names or with an unknown subcommand", async () => {
    expect((await runCli(["packages", "map"])).code).toBe(2);
    expect((await runCli(["packages", "frob"])).code).toBe(2);
  });

  it("says the subcommand is missing when an option comes first", async () => {
    const r = await runCli(["packages", "--alpine", "3.23", "map", "curl"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing subcommand \(map or explain\) before "--alpine"/);
    expect(r.stderr).toMatch(/Options go after the subcommand/);
  });
});

describe("alpinize packages explain", () => {
  it("prints the chain of evidence", async () => {
    const r = await runCli(["packages", "explain", "libicu72", "--alpine", "3.23"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^libicu72 → icu-libs icu-data-full on Alpine 3\.23 \[split\]/);
    expect(r.stdout).toMatch(/upstream: Debian source icu/);
  });

  it("prints JSON with the decision and its steps", async () => {
    const r = await runCli(["packages", "explain", "gettext-base", "--uses", "envsubst", "--json"]);
    const out = JSON.parse(r.stdout);
    expect(out.release).toBe("3.24");
    expect(out.decision.alpine).toEqual(["gettext-envsubst"]);
    expect(out.steps.length).toBeGreaterThan(0);
  });
});

describe("alpinize packages input edges", () => {
  it("cuts a very long bad name in the error", async () => {
    const r = await runCli(["packages", "map", `${"X".repeat(10_000)}`]);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(1000);
    expect(r.stderr).toMatch(/X…"/);
    // A tester found this error alone without the command's prefix every other one has.
    expect(r.stderr).toMatch(/^error alpinize packages map: not a valid Debian package name: "X/);
    const explain = await runCli(["packages", "explain", "Bad_Name"]);
    expect(explain.stderr).toMatch(/^error alpinize packages explain: not a valid Debian package/);
  });

  it("asks for one name to explain before judging names", async () => {
    const r = await runCli(["packages", "explain", "curl", "Bad Name"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exactly one Debian package name/);
  });

  it("splits --uses at spaces as well as commas", async () => {
    const r = await runCli(["packages", "map", "libcap2-bin", "--uses", "ls setcap", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].alpine).toEqual(["libcap-setcap"]);
  });
});

describe("packages map: typos and library names", () => {
  it("gives the closest real names for a typo, and no tool for a library name", async () => {
    const r = await runCli([
      "packages",
      "map",
      "--alpine",
      "3.23",
      "--json",
      "python3-requets",
      "libpng-devv",
      "libzzz1",
    ]);
    expect(r.code).toBe(1);
    const [py, png, zzz] = JSON.parse(r.stdout);
    expect(py).toMatchObject({ kind: "unknown", alpine: [] });
    expect(py.candidates[0]).toBe("py3-requests");
    expect(png.candidates[0]).toBe("libpng-dev");
    expect(png.candidates.length).toBeLessThanOrEqual(5);
    expect(zzz).toMatchObject({ kind: "unknown", alpine: [] });
    const human = await runCli(["packages", "map", "--alpine", "3.23", "libpng-devv"]);
    expect(human.stdout).toContain("closest: libpng-dev,");
  });
});
