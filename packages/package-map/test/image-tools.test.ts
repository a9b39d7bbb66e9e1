import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";
import { aportsNames, SKIP_WITHOUT_APORTS } from "./aports-index.js";

// A tester's image-processing Dockerfiles: Debian's webp, ImageMagick and libvips packages carry
// programs, coders or loaders that Alpine packages apart, so the Alpine image installed cleanly
// and then could not run cwebp, read a JPEG with convert or load a HEIC with vips.

const IMAGEMAGICK = [
  "imagemagick",
  "imagemagick-6.q16",
  "imagemagick-6.q16hdri",
  "imagemagick-7.q16",
  "imagemagick-7.q16hdri",
];
const CODERS = ["jpeg", "tiff", "webp", "heic", "jp2"].map((f) => `imagemagick-${f}`);
const VIPS_LOADERS = ["vips-heif", "vips-poppler", "vips-magick", "vips-jxl"];
const VIPS = ["libvips42", "libvips42t64", "libvips"];

describe.each(KNOWN_RELEASES)("image tools on Alpine %s", (release) => {
  const pm = createPackageMap({ release });

  it("maps Debian's webp programs to libwebp-tools, not the library", () => {
    for (const commands of [undefined, ["cwebp"], ["dwebp", "webpmux"]]) {
      const d = pm.map("webp", commands ? { commands } : {});
      expect(d.alpine, String(commands)).toEqual(["libwebp-tools"]);
      expect(d.reason).toMatch(/cwebp/);
    }
    // The library packages keep their own answers.
    expect(pm.map("libwebp7").alpine).toEqual(["libwebp"]);
    expect(pm.map("libwebp-dev").alpine).toEqual(["libwebp-dev"]);
  });

  it("adds the coders Debian's libmagickcore carries to the ImageMagick programs", () => {
    const coders = CODERS.filter((c) => pm.exists(c));
    expect(coders).toContain("imagemagick-jpeg");
    for (const name of IMAGEMAGICK) {
      const d = pm.map(name);
      expect(d.alpine, name).toEqual(["imagemagick", ...coders]);
      expect(d.kind).toBe("split");
      expect(d.reason).toMatch(/no decode delegate/);
      for (const c of CODERS.filter((x) => !pm.exists(x))) {
        expect(d.reason).toContain(`Alpine ${release} builds no ${c}`);
      }
    }
    expect(pm.map("imagemagick-6.q16").versionChange).toEqual({
      family: "imagemagick",
      from: "6",
      to: "7",
    });
    expect(pm.map("imagemagick-7.q16").versionChange).toBeUndefined();
  });

  it("leaves GraphicsMagick whole: Alpine does not split its coders", () => {
    expect(pm.map("graphicsmagick").alpine).toEqual(["graphicsmagick"]);
  });

  it("adds the HEIF, PDF, ImageMagick and JPEG XL loaders to libvips", () => {
    for (const name of VIPS) {
      const d = pm.map(name);
      expect(d.alpine, name).toEqual(["vips", ...VIPS_LOADERS]);
      expect(d.reason).toMatch(/not a known file format/);
    }
    expect(pm.map("libvips-tools").alpine).toEqual(["vips-tools", ...VIPS_LOADERS]);
    // Headers for a build, as libmagickwand-dev and libicu-dev.
    expect(pm.map("libvips-dev").alpine).toEqual(["vips-dev"]);
  });

  it("emits only names of main or community in the aports index", (ctx) => {
    const names = aportsNames(release);
    if (!names) return ctx.skip(SKIP_WITHOUT_APORTS);
    expect(names.has("libwebp-tools")).toBe(true);
    for (const name of ["webp", ...IMAGEMAGICK, ...VIPS, "libvips-tools"]) {
      for (const a of pm.map(name).alpine) expect(names.has(a), `${name} → ${a}`).toBe(true);
    }
    // Every coder and loader the release builds is added, so none is missed by the answer.
    const im = pm.map("imagemagick").alpine;
    for (const c of CODERS) expect(im.includes(c), c).toBe(names.has(c));
  });
});
