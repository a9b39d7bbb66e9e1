import type { Env, Hit, Layer } from "./types.js";

// Debian splits TeX Live into one binary per TeX Live collection (texlive-latex-extra is
// collection-latexextra); Alpine builds the TeX files of each collection as texmf-dist-<collection>
// and, for collections with commands, a texlive-<collection> that links them and depends on both
// texlive and texmf-dist-<collection> (most of those appeared in 3.23). Every Debian collection
// depends on texlive-base and so on the engines, hence `texlive` beside a bare texmf-dist part.

/** Debian's spelling → TeX Live's collection name ("" = in Alpine's texlive itself). */
const COLLECTIONS: Readonly<Record<string, string>> = {
  base: "",
  binaries: "",
  "latex-base": "",
  "latex-recommended": "latexrecommended",
  "latex-extra": "latexextra",
  "fonts-recommended": "fontsrecommended",
  "fonts-extra": "fontsextra",
  "fonts-extra-links": "fontsextra",
  science: "mathscience",
  // Ubuntu releases before TeX Live 2016/2019 still carry the old collection names.
  "math-extra": "mathscience",
  "generic-recommended": "plaingeneric",
  "generic-extra": "plaingeneric",
  "plain-generic": "plaingeneric",
  "bibtex-extra": "bibtexextra",
  "formats-extra": "formatsextra",
  "font-utils": "fontutils",
  "extra-utils": "binextra",
  pictures: "pictures",
  xetex: "xetex",
  luatex: "luatex",
  context: "context",
  metapost: "metapost",
  games: "games",
  humanities: "humanities",
  music: "music",
  pstricks: "pstricks",
  publishers: "publishers",
};

/** Debian TeX packages outside the texlive-* names, and the collection that carries them. */
const MEMBERS: Readonly<Record<string, { collection: string; what: string; fontsOnly?: boolean }>> =
  {
    latexmk: { collection: "binextra", what: "latexmk is part of TeX Live's binextra collection" },
    lmodern: {
      collection: "fontsrecommended",
      fontsOnly: true,
      what: "the Latin Modern fonts are part of TeX Live's fontsrecommended collection (under /usr/share/texmf-dist, not /usr/share/fonts: fontconfig programs outside TeX do not see them)",
    },
    "tex-gyre": {
      collection: "fontsrecommended",
      fontsOnly: true,
      what: "the TeX Gyre fonts are part of TeX Live's fontsrecommended collection (under /usr/share/texmf-dist, not /usr/share/fonts: fontconfig programs outside TeX do not see them)",
    },
    context: { collection: "context", what: "ConTeXt is TeX Live's context collection" },
  };

export const texliveLayer: Layer = (name, env) => {
  if (name === "texlive") return metaPackage(env);
  if (name === "texlive-full" && env.index.has(name)) {
    return { alpine: [name], layer: "name-rule", reason: "same name: all of TeX Live" };
  }
  const member = MEMBERS[name];
  if (Object.hasOwn(MEMBERS, name) && member) {
    // Debian's font packages do not pull in TeX itself.
    return collectionHit(member.collection, member.what, env, member.fontsOnly === true);
  }
  const lang = /^texlive-lang-([a-z-]+)$/.exec(name)?.[1];
  if (lang) return language(lang, env);
  const debian = /^texlive-([a-z-]+)$/.exec(name)?.[1];
  if (!debian || !Object.hasOwn(COLLECTIONS, debian)) return undefined;
  const collection = COLLECTIONS[debian] ?? "";
  if (collection === "") {
    return {
      alpine: ["texlive"],
      layer: "name-rule",
      reason: `Alpine's texlive has the engines and TeX Live's basic and latex collections (texmf-dist, texmf-dist-latex)${debian === "binaries" ? "; XeTeX and LuaTeX are texlive-xetex and texlive-luatex" : ""}`,
    };
  }
  return collectionHit(collection, `${name} is TeX Live's ${collection} collection`, env, false);
};

/**
 * A collection's Alpine packages: texlive-<c> when the release links its commands (it depends on
 * texlive and texmf-dist-<c>), else texmf-dist-<c>, with texlive unless `dataOnly`.
 */
function collectionHit(collection: string, what: string, env: Env, dataOnly: boolean): Hit {
  const tools = `texlive-${collection}`;
  const files = `texmf-dist-${collection}`;
  if (!dataOnly && env.index.isReal(tools)) {
    return {
      alpine: [tools],
      layer: "name-rule",
      reason: `${what}; Alpine ${env.release} packages its files as ${files} and ${tools} puts its commands on PATH (and depends on texlive and ${files})`,
    };
  }
  return {
    alpine: dataOnly ? [files] : ["texlive", files],
    layer: "name-rule",
    reason: dataOnly
      ? `${what}; Alpine ${env.release} packages it as ${files}`
      : `${what}; Alpine ${env.release} packages its files as ${files}, and texlive has the engines Debian's package pulls in through texlive-base`,
  };
}

function language(lang: string, env: Env): Hit | undefined {
  if (lang === "all") {
    return {
      alpine: ["texlive-langextra"],
      layer: "name-rule",
      reason: `Alpine's texlive-langextra depends on texmf-dist-lang (every language collection) and texlive, and links the language tools (ptex2pdf, kanji-config-updmap, …)`,
    };
  }
  const files = `texmf-dist-lang${lang.replace(/-/g, "")}`;
  if (!env.index.isReal(files)) return undefined;
  return {
    alpine: ["texlive", files],
    layer: "name-rule",
    reason: `texlive-lang-${lang} is TeX Live's lang${lang.replace(/-/g, "")} collection; Alpine ${env.release} packages its files as ${files}, and texlive has the engines; the language collections' commands (ptex2pdf, …) are linked only by texlive-langextra, which pulls in every language`,
  };
}

/** Debian's texlive: texlive-base, -latex-base, -latex-recommended and -fonts-recommended. */
function metaPackage(env: Env): Hit {
  const alpine = new Set<string>(["texlive"]);
  for (const c of ["latexrecommended", "fontsrecommended"]) {
    for (const n of collectionHit(c, "", env, false).alpine) alpine.add(n);
  }
  return {
    alpine: [...alpine],
    layer: "name-rule",
    reason: `Debian's texlive is texlive-base, texlive-latex-base, texlive-latex-recommended and texlive-fonts-recommended; Alpine's texlive has the engines and the basic and latex collections, the rest is ${[...alpine].slice(1).join(" and ")}`,
  };
}
