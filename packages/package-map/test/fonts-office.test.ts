import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";
import { aportsNames, SKIP_WITHOUT_APORTS } from "./aports-index.js";

// Font and headless LibreOffice names a tester's document-rendering images installed: unknown,
// or the whole LibreOffice suite, although Alpine has the same fonts and the single applications.

const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  "fonts-liberation": ["font-liberation", "font-liberation-sans-narrow"],
  "fonts-liberation2": ["font-liberation"],
  "fonts-open-sans": ["font-opensans"],
  "fonts-roboto-unhinted": ["font-roboto"],
  "fonts-roboto-hinted": ["font-roboto"],
  "fonts-ipaexfont": ["font-ipaex"],
  "fonts-ipaexfont-gothic": ["font-ipaex"],
  "fonts-ipaexfont-mincho": ["font-ipaex"],
  "fonts-noto-extra": ["font-noto-extra"],
  "fonts-noto-cjk-extra": ["font-noto-cjk-extra"],
  "libreoffice-writer-nogui": ["libreoffice-writer"],
  "libreoffice-calc-nogui": ["libreoffice-calc"],
  "libreoffice-impress-nogui": ["libreoffice-impress"],
  "libreoffice-draw-nogui": ["libreoffice-draw"],
  "libreoffice-math-nogui": ["libreoffice-math"],
  "libreoffice-base-nogui": ["libreoffice-base"],
  "libreoffice-core-nogui": ["libreoffice-common"],
  "libreoffice-core": ["libreoffice-common"],
};

describe.each(KNOWN_RELEASES)("font and no-GUI LibreOffice names on Alpine %s", (release) => {
  const pm = createPackageMap({ release });

  it.each(Object.entries(EXPECTED))("maps %s to %j", (debian, alpine) => {
    expect(pm.map(debian).alpine).toEqual(alpine);
  });

  it("splits Debian's Liberation 1.07 into Liberation 2 and the Sans Narrow only 1.07 has", () => {
    const d = pm.map("fonts-liberation");
    expect(d.kind).toBe("split");
    expect(d.reason).toMatch(/Sans Narrow/);
  });

  it("says why a no-GUI application is not the libreoffice meta package", () => {
    expect(pm.map("libreoffice-writer-nogui").reason).toMatch(/meta package would add every/);
  });

  it("leaves a font Alpine does not package (or only in testing) unknown", () => {
    for (const name of ["fonts-firacode", "fonts-comic-neue", "fonts-wqy-microhei"])
      expect(pm.map(name).kind, name).toBe("unknown");
  });

  it("emits only names of main or community in the aports index", (ctx) => {
    const names = aportsNames(release);
    if (!names) return ctx.skip(SKIP_WITHOUT_APORTS);
    for (const debian of Object.keys(EXPECTED))
      for (const a of pm.map(debian).alpine) expect(names.has(a), `${debian} → ${a}`).toBe(true);
  });
});
