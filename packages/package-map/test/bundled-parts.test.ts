import { describe, expect, it } from "vitest";
import { withBundledParts } from "../src/bundled-parts.js";
import { loadCurated } from "../src/data.js";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";
import type { Env, Hit } from "../src/layers/types.js";
import { ReleaseIndex } from "../src/release-index.js";
import { TypoSearches } from "../src/typo-searches.js";
import { aportsNames, SKIP_WITHOUT_APORTS } from "./aports-index.js";

// Debian packages that carry data or plugins Alpine splits away from the library: the library
// alone installs cleanly and then degrades at run time.

const NAMES = [
  "libicu72",
  "libicu74",
  "libicu76",
  "icu-devtools",
  "libmagickcore-6.q16-6",
  "libmagickwand-6.q16-6",
  "libmagickcore-7.q16-10",
  "libmagickcore-6.q16-6-extra",
  "fontconfig",
  "libfontconfig1",
  "libsane1",
  "libsasl2-modules",
  "libsasl2-modules-gssapi-mit",
  "libsasl2-modules-sql",
];

describe.each(KNOWN_RELEASES)("bundled data and plugins on Alpine %s", (release) => {
  const pm = createPackageMap({ release });

  it("adds the full ICU data to Debian's runtime ICU of any version", () => {
    for (const name of ["libicu72", "libicu74", "libicu76", "libicu74t64"]) {
      const d = pm.map(name);
      expect(d.alpine, name).toEqual(["icu-libs", "icu-data-full"]);
      expect(d.kind).toBe("split");
      expect(d.reason).toMatch(/icu-data-en .*fall back to English/);
    }
    // Headers for a build: the build's runtime libraries are decided elsewhere (migrate), and
    // the reason says what a kept install needs, as libicuNN's answer does.
    const dev = pm.map("libicu-dev");
    expect(dev.alpine).toEqual(["icu-dev"]);
    expect(dev.reason).toMatch(/libicuNN .*icu-data-en.*icu-data-full/);
  });

  it("adds the full ICU data to icu-devtools, whose uconv and derb read it", () => {
    const d = pm.map("icu-devtools");
    expect(d.alpine).toEqual(["icu", "icu-data-full"]);
    expect(d.reason).toMatch(/uconv/);
  });

  it("adds ImageMagick's coders to its libraries", () => {
    for (const name of [
      "libmagickcore-6.q16-6",
      "libmagickwand-6.q16-6",
      "libmagickcore-7.q16-10",
    ]) {
      const d = pm.map(name);
      expect(d.alpine.slice(0, 2), name).toEqual(["imagemagick-libs", "imagemagick"]);
      expect(d.alpine).toContain("imagemagick-jpeg");
      expect(d.alpine).toContain("imagemagick-webp");
    }
    expect(pm.map("libmagickcore-6.q16-6-extra").alpine).toContain("imagemagick-pango");
    // Debian's 6 becomes Alpine's 7: a major change callers warn about.
    expect(pm.map("libmagickcore-6.q16-6").versionChange).toEqual({
      family: "imagemagick",
      from: "6",
      to: "7",
    });
    expect(pm.map("libmagickwand-6.q16-6").versionChange?.to).toBe("7");
    expect(pm.map("libmagickcore-7.q16-10").versionChange).toBeUndefined();
    // The dev package is for building; migrate keeps what the built program loads.
    expect(pm.map("libmagickwand-dev").alpine).toEqual(["imagemagick-dev"]);
  });

  it("adds a font to fontconfig, as Debian's fontconfig-config does", () => {
    for (const name of ["fontconfig", "libfontconfig1"]) {
      const d = pm.map(name);
      expect(d.alpine, name).toEqual(["fontconfig", "font-dejavu"]);
      expect(d.reason).toMatch(/fonts-dejavu-core/);
    }
    expect(pm.map("libfontconfig-dev").alpine).toEqual(["fontconfig-dev"]);
  });

  it("adds SANE's scanner backends to its library", () => {
    const d = pm.map("libsane1");
    expect(d.alpine).toEqual(["sane", "sane-backends"]);
    expect(d.reason).toMatch(/backends/);
    expect(pm.map("libsane-dev").alpine).toEqual(["sane-dev"]);
  });

  it("maps the SASL mechanism plugins to Alpine's per-mechanism subpackages", () => {
    const d = pm.map("libsasl2-modules");
    expect(d.alpine).toEqual(
      expect.arrayContaining(["cyrus-sasl-login", "cyrus-sasl-scram", "cyrus-sasl-crammd5"]),
    );
    expect(d.reason).toMatch(/LOGIN/);
    expect(pm.map("libsasl2-modules-gssapi-mit").alpine).toEqual([
      "cyrus-sasl-gssapiv2",
      "cyrus-sasl-gs2",
    ]);
    expect(pm.map("libsasl2-modules-sql").alpine).toEqual(["cyrus-sasl-sql"]);
  });

  it("leaves a project override as it is", () => {
    const custom = createPackageMap({ release, overrides: { libicu72: ["icu-libs"] } });
    expect(custom.map("libicu72").alpine).toEqual(["icu-libs"]);
  });

  it("emits only names of main or community in the aports index", (ctx) => {
    const names = aportsNames(release);
    if (!names) return ctx.skip(SKIP_WITHOUT_APORTS);
    for (const name of NAMES) {
      for (const a of pm.map(name).alpine) expect(names.has(a), `${name} → ${a}`).toBe(true);
    }
  });
});

describe("a release that does not build a part", () => {
  it("adds only the coders the release has, and says which it lacks", () => {
    // Alpine 3.21 and 3.22 build no JPEG 2000 or OpenEXR coder; 3.23 does.
    for (const release of ["3.21", "3.22"]) {
      const d = createPackageMap({ release }).map("libmagickcore-6.q16-6");
      expect(d.alpine).not.toContain("imagemagick-jp2");
      expect(d.reason).toContain(`Alpine ${release} builds no imagemagick-jp2`);
      const extra = createPackageMap({ release }).map("libmagickcore-6.q16-6-extra");
      expect(extra.alpine).toEqual(["imagemagick", "imagemagick-pango"]);
    }
    expect(createPackageMap({ release: "3.23" }).map("libmagickcore-6.q16-6").alpine).toContain(
      "imagemagick-jp2",
    );
  });

  it("keeps the library alone where the release has no split data package", () => {
    // Before Alpine 3.16 icu-libs carried all of ICU's data: a release without icu-data-full.
    class WithoutFullData extends ReleaseIndex {
      override has(name: string): boolean {
        return name !== "icu-data-full" && super.has(name);
      }
    }
    const notes: string[] = [];
    const env: Env = {
      release: "3.24",
      index: new WithoutFullData("3.24"),
      context: {},
      curated: loadCurated(),
      defaults: {},
      project: {},
      typos: new TypoSearches(),
    };
    const hit: Hit = { alpine: ["icu-libs"], reason: "ICU's library", layer: "upstream" };
    const out = withBundledParts("libicu72", hit, env, { note: (_, d) => notes.push(d) });
    expect(out).toEqual(hit);
    expect(notes).toEqual(["Alpine 3.24 has no icu-data-full"]);
  });

  it("adds nothing when the answer is not the library the parts belong to", () => {
    const env: Env = {
      release: "3.24",
      index: new ReleaseIndex("3.24"),
      context: {},
      curated: loadCurated(),
      defaults: {},
      project: {},
      typos: new TypoSearches(),
    };
    const hit: Hit = { alpine: ["icu-dev"], reason: "headers", layer: "override" };
    expect(withBundledParts("libicu72", hit, env, { note: () => {} })).toEqual(hit);
  });
});
