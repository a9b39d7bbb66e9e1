import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";

// Names an expert review found answered wrongly or with a misleading reason.

const curated = JSON.parse(
  readFileSync(new URL("../data/curated.json", import.meta.url), "utf8"),
) as {
  defaults: Record<string, Record<string, string>>;
  packages: Record<string, { commands?: Record<string, string[]> }>;
};

const provides = (release: string) =>
  (
    JSON.parse(
      readFileSync(new URL(`../data/alpine-${release}.json`, import.meta.url), "utf8"),
    ) as { provides: Record<string, string[]> }
  ).provides;

describe.each(KNOWN_RELEASES)("reviewed names on Alpine %s", (release) => {
  const pm = createPackageMap({ release });
  const pg = curated.defaults[release]?.postgresql;

  it("maps ninja-build to samurai, which provides the ninja command", () => {
    const d = pm.map("ninja-build");
    expect(d.alpine).toEqual(["samurai"]);
    expect(d.reason).toMatch(/no ninja command on PATH/);
    expect(provides(release).ninja).toContain("samurai");
  });

  it("adds npm to nodejs only when the script runs npm or npx", () => {
    expect(pm.map("nodejs").alpine).toEqual(["nodejs"]);
    expect(pm.map("nodejs", { commands: ["node", "yarn"] }).alpine).toEqual(["nodejs"]);
    const npm = pm.map("nodejs", { commands: ["node", "npm"] });
    expect(npm.alpine).toEqual(["nodejs", "npm"]);
    expect(npm.reason).toMatch(/^the script runs npm, which Alpine ships in npm;/);
    expect(pm.map("nodejs", { commands: ["npx"] }).alpine).toEqual(["nodejs", "npm"]);
  });

  it("maps postgresql and postgresql-contrib to the default server, not the BDR fork", () => {
    expect(pg).toMatch(/^\d+$/);
    const contrib = pm.map("postgresql-contrib");
    expect(contrib.alpine).toEqual([`postgresql${pg}-contrib`]);
    expect(contrib.reason).toMatch(/contrib extensions of its default server/);
    expect(contrib.reason).not.toMatch(/provided by postgresql-bdr/);
    const server = pm.map("postgresql");
    expect(server.alpine).toEqual([`postgresql${pg}`]);
    expect(server.reason).not.toMatch(/provided by postgresql-bdr/);
    expect(server.reason).toContain(`postgresql${pg}-contrib`);
  });

  it("keeps versionChange on postgresql-contrib-N and points postgresql-N at its contrib", () => {
    const d = pm.map("postgresql-contrib-13");
    expect(d.alpine).toEqual([`postgresql${pg}-contrib`]);
    expect(d.versionChange).toEqual({ family: "postgresql", from: "13", to: pg });
    expect(pm.map("postgresql-16").reason).toMatch(/contrib extensions.*postgresql16-contrib$/);
  });

  it("maps libclang1 and liblld to the library packages, not the whole compiler", () => {
    const clang = curated.defaults[release]?.clang;
    expect(pm.map("libclang1").alpine).toEqual([`clang${clang}-libclang`]);
    expect(pm.map("libclang1-13").alpine).toEqual([`clang${clang}-libclang`]);
    expect(pm.map("libclang1-13").versionChange).toMatchObject({ from: "13", to: clang });
    // 3.21 packages its default lld without a major in the name.
    expect(pm.map("liblld-13").alpine).toEqual([
      release === "3.21" ? "lld-libs" : `lld${curated.defaults[release]?.llvm}-libs`,
    ]);
  });

  it("names only packages the release has in curated commands tables", () => {
    const missing = Object.entries(curated.packages).flatMap(([name, entry]) =>
      Object.values(entry.commands ?? {})
        .flat()
        .filter((n) => !/\{/.test(n) && !pm.exists(n))
        .map((n) => `${name} → ${n}`),
    );
    expect(missing).toEqual([]);
  });
});
