import type { Hit, Layer } from "./types.js";

// Debian ships tesseract's trained data as tesseract-ocr-<lang> (chi-sim, ita-old: `_` spelled
// `-`); Alpine builds it as subpackages of tesseract-ocr named tesseract-ocr-data-<lang>
// (chi_sim, ita_old). The release's own list of subpackages decides, so each release maps only
// the languages it has.
const DEBIAN_PACK = /^tesseract-ocr-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const ORIGIN = "tesseract-ocr";
const ALPINE_PREFIX = "tesseract-ocr-data-";

export const tesseractLayer: Layer = (name, env) => {
  const m = DEBIAN_PACK.exec(name);
  // tesseract-ocr-dev and any other real Alpine name of this form are left to the exact layer.
  if (!m?.[1] || env.index.has(name)) return undefined;
  const lang = m[1];
  const packs = env.index.names(ORIGIN).filter((n) => n.startsWith(ALPINE_PREFIX));
  if (packs.length === 0) return undefined;
  const languages = `Alpine ${env.release} packages tesseract's data for ${packs.length} languages as ${ALPINE_PREFIX}<lang>`;
  if (lang === "all") {
    return {
      alpine: packs,
      kind: "split",
      layer: "name-rule",
      reason: `Debian's tesseract-ocr-all pulls in every language pack; ${languages}, all of them listed here (install only the languages the app reads)`,
    };
  }
  const wanted = `${ALPINE_PREFIX}${lang.replace(/-/g, "_")}`;
  if (packs.includes(wanted)) {
    return {
      alpine: [wanted],
      layer: "name-rule",
      reason: `tesseract language data: Debian's tesseract-ocr-${lang} is ${wanted} on Alpine (${languages})`,
    };
  }
  // aze-cyrl, srp-latn, chi-sim-vert: the base language's pack is the nearest thing Alpine has.
  const base = `${ALPINE_PREFIX}${lang.split("-")[0]}`;
  const hit: Hit = {
    alpine: [],
    kind: "unknown",
    layer: "unknown",
    reason: `${languages}, and ${lang.startsWith("script-") ? `the script model ${lang.slice("script-".length)}` : lang} is not one of them: add its .traineddata file from tesseract's tessdata to the image by hand`,
  };
  if (base !== wanted && packs.includes(base)) hit.candidates = [base];
  return hit;
};
