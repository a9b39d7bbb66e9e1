import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";
import { aportsNames, SKIP_WITHOUT_APORTS } from "./aports-index.js";

// Debian's TeX Live binaries (bookworm, plus Ubuntu's older collection names) and the other TeX
// packages Dockerfiles install next to them.
const COLLECTIONS = [
  "texlive",
  "texlive-base",
  "texlive-binaries",
  "texlive-latex-base",
  "texlive-latex-recommended",
  "texlive-latex-extra",
  "texlive-fonts-recommended",
  "texlive-fonts-extra",
  "texlive-fonts-extra-links",
  "texlive-science",
  "texlive-math-extra",
  "texlive-pictures",
  "texlive-xetex",
  "texlive-luatex",
  "texlive-context",
  "texlive-metapost",
  "texlive-bibtex-extra",
  "texlive-plain-generic",
  "texlive-generic-recommended",
  "texlive-generic-extra",
  "texlive-formats-extra",
  "texlive-font-utils",
  "texlive-extra-utils",
  "texlive-games",
  "texlive-humanities",
  "texlive-music",
  "texlive-pstricks",
  "texlive-publishers",
  "texlive-full",
  "latexmk",
  "lmodern",
  "tex-gyre",
  "context",
];
const LANGUAGES = [
  "all",
  "arabic",
  "chinese",
  "cjk",
  "cyrillic",
  "czechslovak",
  "english",
  "european",
  "french",
  "german",
  "greek",
  "italian",
  "japanese",
  "korean",
  "other",
  "polish",
  "portuguese",
  "spanish",
].map((l) => `texlive-lang-${l}`);

describe.each(KNOWN_RELEASES)("TeX Live on Alpine %s", (release) => {
  const pm = createPackageMap({ release });
  // Alpine 3.23 added texlive-<collection> packages that link each collection's commands.
  const linked = release >= "3.23";

  it("maps every Debian collection and TeX package to something", () => {
    for (const name of [...COLLECTIONS, ...LANGUAGES]) {
      const d = pm.map(name);
      expect(d.kind, `${name}: ${d.reason}`).not.toBe("unknown");
      expect(d.alpine.length, name).toBeGreaterThan(0);
    }
  });

  it("emits only names of main or community in the aports index", (ctx) => {
    const names = aportsNames(release);
    if (!names) return ctx.skip(SKIP_WITHOUT_APORTS);
    for (const name of [...COLLECTIONS, ...LANGUAGES]) {
      for (const a of pm.map(name).alpine) expect(names.has(a), `${name} → ${a}`).toBe(true);
    }
  });

  it("maps a collection to its texlive-<c> where the release has one, else texlive and its texmf-dist part", () => {
    const extra = pm.map("texlive-latex-extra");
    expect(extra.alpine).toEqual(
      linked ? ["texlive-latexextra"] : ["texlive", "texmf-dist-latexextra"],
    );
    expect(extra.reason).toMatch(/TeX Live's latexextra collection/);
    expect(pm.map("texlive-science").alpine).toEqual(
      linked ? ["texlive-mathscience"] : ["texlive", "texmf-dist-mathscience"],
    );
    // Collections without commands have no texlive-<c> in any release.
    expect(pm.map("texlive-fonts-recommended").alpine).toEqual([
      "texlive",
      "texmf-dist-fontsrecommended",
    ]);
    expect(pm.map("texlive-xetex").alpine).toEqual(["texlive-xetex"]);
    expect(pm.map("texlive-latex-base").alpine).toEqual(["texlive"]);
  });

  it("maps language collections to texmf-dist-lang<x>, and all of them to texlive-langextra", () => {
    expect(pm.map("texlive-lang-german").alpine).toEqual(["texlive", "texmf-dist-langgerman"]);
    expect(pm.map("texlive-lang-all").alpine).toEqual(["texlive-langextra"]);
    expect(pm.map("texlive-lang-klingon").kind).toBe("unknown");
  });

  it("maps latexmk to the tools that link it and the fonts to their collection alone", () => {
    expect(pm.map("latexmk").alpine).toEqual(["texlive-binextra"]);
    const lm = pm.map("lmodern");
    expect(lm.alpine).toEqual(["texmf-dist-fontsrecommended"]);
    expect(lm.reason).toMatch(/fontconfig/);
  });

  it("gives Debian's texlive meta package its recommended collections", () => {
    expect(pm.map("texlive").alpine).toEqual(
      linked
        ? ["texlive", "texlive-latexrecommended", "texmf-dist-fontsrecommended"]
        : ["texlive", "texmf-dist-latexrecommended", "texmf-dist-fontsrecommended"],
    );
  });
});
