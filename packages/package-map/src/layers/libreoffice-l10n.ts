import { releaseIndex } from "../release-index.js";
import { KNOWN_RELEASES } from "../releases.js";
import type { Env, Hit, Layer } from "./types.js";

// Debian ships LibreOffice's UI translations as libreoffice-l10n-<lang> (pt-br, zh-cn: `_`
// spelled `-`); Alpine builds them as subpackages of libreoffice named libreoffice-lang-<lang>
// (pt_br, zh_cn). The release's own list of subpackages decides, so a release whose list the
// generator does not hold maps none.
const DEBIAN_PACK = /^libreoffice-l10n-([a-z]+(?:-[a-z]+)*)$/;
const ORIGIN = "libreoffice";
const ALPINE_PREFIX = "libreoffice-lang-";

/**
 * Debian packs whose files are not one Alpine pack of the same code (bookworm's `dpkg -c`, and
 * the Depends of its two metapackages).
 */
const DEBIAN_CODES: Readonly<Record<string, readonly string[]>> = {
  // Catalan with Valencian, Serbian in Cyrillic and Latin: one Debian pack, two Alpine ones.
  ca: ["ca", "ca_valencia"],
  sr: ["sr", "sr_latn"],
  // Kurmanji: Debian's pack holds kmr-Latn, the only Kurmanji LibreOffice has.
  kmr: ["kmr_latn"],
  // Metapackages: the Indic and the South African languages.
  in: ["as", "bn", "gu", "hi", "kn", "ml", "mr", "ne", "or", "pa_in", "ta", "te"],
  za: ["af", "en_za", "nr", "nso", "ss", "st", "tn", "ts", "ve", "xh", "zu"],
};

/** What a metapackage's hint calls the languages it pulls in. */
const METAPACKAGE_LANGUAGES: Readonly<Record<string, string>> = {
  in: "the Indic languages",
  za: "the South African languages",
};

export const libreofficeL10nLayer: Layer = (name, env) => {
  const m = DEBIAN_PACK.exec(name);
  if (!m?.[1] || env.index.has(name)) return undefined;
  const lang = m[1];
  const packs = env.index.names(ORIGIN).filter((n) => n.startsWith(ALPINE_PREFIX));
  const codes = Object.hasOwn(DEBIAN_CODES, lang)
    ? (DEBIAN_CODES[lang] ?? [])
    : [lang.replace(/-/g, "_")];
  const wanted = codes.map((c) => `${ALPINE_PREFIX}${c}`);
  if (packs.length === 0) return unlisted(name, lang, wanted, env);
  const languages = `Alpine ${env.release} packages LibreOffice's translations for ${packs.length} languages as ${ALPINE_PREFIX}<lang>`;
  const missing = wanted.filter((w) => !packs.includes(w));
  if (missing.length > 0) {
    return {
      alpine: [],
      kind: "unknown",
      layer: "unknown",
      reason: `${languages}, and ${lang} is not one of them: LibreOffice falls back to English (${ALPINE_PREFIX}en_us, which libreoffice-common depends on)`,
    };
  }
  return {
    alpine: wanted,
    layer: "name-rule",
    reason: `LibreOffice translation: Debian's ${name} is ${wanted.join(" ")} on Alpine (${languages})`,
  };
};

/** The translation packs of the newest release before `release` whose list alpinize holds. */
function earlierPacks(release: string): { release: string; packs: string[] } | undefined {
  const before = KNOWN_RELEASES.slice(0, (KNOWN_RELEASES as readonly string[]).indexOf(release));
  for (const r of before.reverse()) {
    const packs = releaseIndex(r)
      .names(ORIGIN)
      .filter((n) => n.startsWith(ALPINE_PREFIX));
    if (packs.length > 0) return { release: r, packs };
  }
  return undefined;
}

/**
 * A release whose list alpinize does not hold: the names to look for are the earlier release's,
 * so the hint names them only where that release built every one (not for `xx` or `de-dbgsym`).
 */
function unlisted(name: string, lang: string, wanted: string[], env: Env): Hit {
  const unknown = { alpine: [] as string[], kind: "unknown", layer: "unknown" } as const;
  const start = `Alpine builds LibreOffice's translations as ${ALPINE_PREFIX}<lang> subpackages of libreoffice, but alpinize has no list of them for Alpine ${env.release}`;
  const earlier = earlierPacks(env.release);
  if (!earlier) return { ...unknown, reason: `${start}: check \`apk search ${ALPINE_PREFIX}\`` };
  if (!wanted.every((w) => earlier.packs.includes(w))) {
    return {
      ...unknown,
      reason: `${start}, and Alpine ${earlier.release} builds none for ${lang} (of ${earlier.packs.length} languages): LibreOffice falls back to English (${ALPINE_PREFIX}en_us)`,
    };
  }
  const what = Object.hasOwn(METAPACKAGE_LANGUAGES, lang)
    ? ` (Debian's ${name} pulls in ${METAPACKAGE_LANGUAGES[lang]})`
    : "";
  return {
    ...unknown,
    reason: `${start}: check \`apk search ${wanted.join(" ")}\`, the names on Alpine ${earlier.release}${what}`,
  };
}
