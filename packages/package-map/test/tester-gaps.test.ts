import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";
import { aportsNames, SKIP_WITHOUT_APORTS } from "./aports-index.js";

// Names a tester's Debian Dockerfiles (yocto builder, e2e browser image, locale demo, PostgreSQL
// with extensions) found unknown or dropped although Alpine has an equivalent.

const NAMES = [
  "lsb-release",
  "device-tree-compiler",
  "xvfb",
  "locales",
  "libc-bin",
  "postgresql-16-pgvector",
  "postgresql-16-cron",
  "postgresql-16-postgis-3",
  "postgresql-15-postgis-3",
];
const USES = { commands: ["xvfb-run", "locale"] };

describe.each(KNOWN_RELEASES)("tester gaps on Alpine %s", (release) => {
  const pm = createPackageMap({ release });
  const pg = pm.map("postgresql").alpine[0]?.replace(/^postgresql/, "");

  it("maps lsb-release to lsb-release-minimal, which provides it", () => {
    const d = pm.map("lsb-release");
    expect(d).toMatchObject({ alpine: ["lsb-release-minimal"], kind: "renamed" });
    expect(d.reason).toMatch(/lsb_release -c/);
  });

  it("maps device-tree-compiler to dtc", () => {
    expect(pm.map("device-tree-compiler").alpine).toEqual(["dtc"]);
  });

  it("drops debianutils, saying what busybox covers and what nothing does", () => {
    const d = pm.map("debianutils");
    expect(d).toMatchObject({ alpine: [], kind: "none", layer: "not-needed" });
    expect(d.reason).toMatch(/busybox has which and run-parts/);
    expect(d.reason).toMatch(/tempfile .*savelog/);
  });

  it("adds xvfb-run to xvfb only when the script runs it", () => {
    expect(pm.map("xvfb").alpine).toEqual(["xvfb"]);
    expect(pm.map("xvfb", { commands: ["Xvfb"] }).alpine).toEqual(["xvfb"]);
    const run = pm.map("xvfb", { commands: ["xvfb-run", "npm"] });
    expect(run).toMatchObject({ alpine: ["xvfb", "xvfb-run"], kind: "split" });
    expect(run.reason).toMatch(/^the script runs xvfb-run, which Alpine ships in xvfb-run;/);
  });

  it("adds musl-locales, which has the locale command, when the script runs locale", () => {
    for (const name of ["locales", "libc-bin"]) {
      expect(pm.map(name)).toMatchObject({ alpine: [], kind: "none", layer: "not-needed" });
      const d = pm.map(name, { commands: ["locale-gen", "locale"] });
      expect(d).toMatchObject({ alpine: ["musl-locales"], layer: "override" });
      expect(d.reason).toMatch(/runs locale/);
    }
  });

  it("maps PostgreSQL extensions of any major to the release's extension packages", () => {
    const vector = pm.map("postgresql-16-pgvector");
    expect(vector.alpine).toEqual(["postgresql-pgvector"]);
    expect(vector.reason).toContain(`default PostgreSQL, ${pg}`);
    expect(vector.versionChange).toEqual({ family: "postgresql", from: "16", to: pg });
    expect(pm.map("postgresql-16-cron").alpine).toEqual(["postgresql-pg_cron"]);
    // Not a bookworm name: joined through bookworm's postgresql-15-postgis-3.
    const postgis = pm.map("postgresql-16-postgis-3");
    expect(postgis.alpine).toEqual(["postgis"]);
    expect(postgis.reason).toMatch(/postgresql-15-postgis-3 is/);
    expect(pm.map(`postgresql-${pg}-pgvector`).versionChange).toBeUndefined();
    // pg_repack is not packaged by Alpine.
    expect(pm.map("postgresql-16-repack").kind).toBe("unknown");
  });

  it("emits only names of main or community in the aports index", (ctx) => {
    const names = aportsNames(release);
    if (!names) return ctx.skip(SKIP_WITHOUT_APORTS);
    for (const name of NAMES) {
      for (const a of pm.map(name, USES).alpine) {
        expect(names.has(a), `${name} → ${a}`).toBe(true);
      }
    }
  });
});
