import type { BundledParts } from "./bundled-parts-entry.js";
import type { Env, Hit, Trace } from "./layers/types.js";
import { PHP_PARTS } from "./php-parts.js";

/** The coders Debian's libmagickcore carries, each of which Alpine builds as a subpackage. */
const IMAGEMAGICK_CODERS = [
  "imagemagick-jpeg",
  "imagemagick-tiff",
  "imagemagick-webp",
  "imagemagick-heic",
  "imagemagick-jp2",
];
const IMAGEMAGICK_CODERS_DEPENDS =
  "it depends on libjpeg, libtiff, libwebp, libheif and libopenjp2 for them";
const IMAGEMAGICK_CODERS_SPLIT =
  "JPEG, TIFF, WebP, HEIC and JPEG 2000 are in imagemagick-<format>, which apk adds by itself only when that format's library is already installed";

/** The loaders Debian's libvips42 links in (it depends on libheif, poppler, libmagickcore, libjxl). */
const VIPS_LOADERS = ["vips-heif", "vips-poppler", "vips-magick", "vips-jxl"];
const VIPS_WHY =
  "Debian's libvips42 carries its HEIF, PDF (poppler), ImageMagick and JPEG XL loaders (it depends on libheif1, libpoppler-glib8, libmagickcore and libjxl); Alpine's vips has none of them, they are the modules vips-heif, vips-poppler, vips-magick and vips-jxl, so loading a HEIC, PDF or JXL file fails with \"is not a known file format\"";

const BUNDLED_PARTS: readonly BundledParts[] = [
  {
    debian: /^libicu\d+$/,
    base: "icu-libs",
    parts: ["icu-data-full"],
    why: "Debian's libicuNN ships libicudata with every locale and charset converter, while Alpine's icu-libs pulls in only icu-data-en (en_US/en_GB, no legacy converters): without icu-data-full, PHP intl, Node's Intl, PostgreSQL ICU collations and .NET globalization silently fall back to English",
  },
  {
    debian: /^icu-devtools$/,
    base: "icu",
    parts: ["icu-data-full"],
    why: "Debian's icu-devtools depends on libicuNN and its full ICU data; Alpine's icu tools get icu-data-en through icu-libs, which lacks the locales derb and icuinfo read and the legacy charsets uconv converts, so icu-data-full is added",
  },
  {
    debian: /^libmagick(?:core|wand)-[67]\.q16(?:hdri)?-\d+$/,
    base: "imagemagick-libs",
    parts: ["imagemagick", ...IMAGEMAGICK_CODERS],
    why: `Debian's libmagickcore ships ImageMagick's coder modules (${IMAGEMAGICK_CODERS_DEPENDS}) and libmagickwand depends on it; Alpine's imagemagick-libs has no coders: the common ones are in imagemagick and ${IMAGEMAGICK_CODERS_SPLIT}`,
  },
  {
    // Debian's imagemagick is a metapackage for imagemagick-6.q16 (bookworm) or -7.q16 (trixie).
    debian: /^imagemagick(?:-[67]\.q16(?:hdri)?)?$/,
    base: "imagemagick",
    parts: IMAGEMAGICK_CODERS,
    why: `Debian's ImageMagick programs depend on libmagickcore, which ships the coder modules (${IMAGEMAGICK_CODERS_DEPENDS}), so convert reads a JPEG right after the install; Alpine's imagemagick has only the common coders, and ${IMAGEMAGICK_CODERS_SPLIT} (without imagemagick-jpeg, reading a JPEG fails with "no decode delegate")`,
  },
  {
    debian: /^libmagickcore-[67]\.q16(?:hdri)?-\d+-extra$/,
    base: "imagemagick",
    parts: ["imagemagick-pango", "imagemagick-openexr"],
    why: "Debian's -extra package adds the Pango text and OpenEXR coders (it depends on libpango and libopenexr), which Alpine ships as imagemagick-pango and imagemagick-openexr",
  },
  {
    // libvips is Debian's virtual name for libvips42; trixie's libvips42t64 is mapped as libvips42.
    debian: /^libvips\d*$/,
    base: "vips",
    parts: VIPS_LOADERS,
    why: VIPS_WHY,
  },
  {
    debian: /^libvips-tools$/,
    base: "vips-tools",
    parts: VIPS_LOADERS,
    why: `Debian's libvips-tools depends on libvips42; ${VIPS_WHY}`,
  },
  {
    debian: /^libsane1?$/,
    base: "sane",
    parts: ["sane-backends"],
    why: "Debian's libsane1 ships all of SANE's scanner backends (about 90) with the library; Alpine's sane is the library alone, each backend is a sane-backend-<name> subpackage and sane-backends is the metapackage that pulls them in, with the scanimage tools and saned",
  },
  {
    debian: /^(?:fontconfig|libfontconfig1?)$/,
    base: "fontconfig",
    parts: ["font-dejavu"],
    why: "Debian's fontconfig and libfontconfig1 depend on fontconfig-config, which installs a font (fonts-dejavu-core unless another one is there); Alpine's fontconfig installs none, so Java AWT, Pango or ImageMagick text find no font: font-dejavu is the same family",
  },
  ...PHP_PARTS,
];

/** The rule for a Debian name and the answer's package it adds parts to. */
function ruleFor(name: string, alpine: readonly string[]) {
  for (const rule of BUNDLED_PARTS) {
    if (!rule.debian.test(name)) continue;
    const { base } = rule;
    const found = alpine.find((a) => (typeof base === "string" ? a === base : base.test(a)));
    if (found !== undefined) return { rule, base: found };
  }
  return undefined;
}

/** The answer with the parts Debian's package carries that Alpine splits off (see BUNDLED_PARTS). */
export function withBundledParts(name: string, hit: Hit, env: Env, trace: Trace): Hit {
  const found = ruleFor(name, hit.alpine);
  if (!found) return hit;
  const { rule } = found;
  const parts = typeof rule.parts === "function" ? rule.parts(found.base) : rule.parts;
  const present = parts.filter((p) => env.index.has(p));
  const absent = parts.filter((p) => !env.index.has(p));
  const added = present.filter((p) => !hit.alpine.includes(p));
  if (absent.length > 0) {
    trace.note("bundled", `Alpine ${env.release} has no ${absent.join(", ")}`);
  }
  if (added.length === 0) return hit;
  const gap = absent.length > 0 ? ` (Alpine ${env.release} builds no ${absent.join(", ")})` : "";
  // The layer's kind described the library alone; with the parts the engine counts again.
  const { kind: _kind, ...rest } = hit;
  const answer: Hit = {
    ...rest,
    alpine: [...hit.alpine, ...added],
    reason: `${hit.reason}; ${rule.why}${gap}`,
  };
  const change = imageMagickMajor(name);
  if (change && !answer.versionChange) answer.versionChange = change;
  return answer;
}

/**
 * Debian's libmagickcore-6, libmagickwand-6 and imagemagick-6.q16 are ImageMagick 6; every Alpine release this map knows
 * ships ImageMagick 7 only (7.1.x in 3.21-3.24), whose API, policy.xml and command names differ.
 */
function imageMagickMajor(name: string): Hit["versionChange"] {
  return /^(?:libmagick(?:core|wand)|imagemagick)-6\./.test(name)
    ? { family: "imagemagick", from: "6", to: "7" }
    : undefined;
}
