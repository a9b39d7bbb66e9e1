import { describe, expect, it } from "vitest";
import { createPackageMap } from "../src/index.js";

// Every libreoffice-l10n-* package bookworm has (`apt-cache search --names-only
// '^libreoffice-l10n-'`, 4:7.4.7-1+deb12u14). The Debian facts leave l10n packages out.
const DEBIAN_PACKS = `af am ar as ast be bg bn br bs ca cs cy da de dz el en-gb en-za eo es et eu
  fa fi fr ga gd gl gu gug he hi hr hu id in is it ja ka kk km kmr kn ko lt lv mk ml mn mr nb ne
  nl nn nr nso oc om or pa-in pl pt pt-br ro ru rw si sk sl sr ss st sv szl ta te tg th tn tr ts
  ug uk uz ve vi xh za zh-cn zh-tw zu`
  .split(/\s+/)
  .map((code) => `libreoffice-l10n-${code}`);

// The releases whose libreoffice APKBUILD's add_lang list the generator holds.
const READ = ["3.21", "3.22", "3.23"] as const;

describe.each(READ)("LibreOffice translations on Alpine %s", (release) => {
  const pm = createPackageMap({ release });

  it("knows the libreoffice-lang-* packages the APKBUILD makes in a loop", () => {
    for (const name of ["libreoffice-lang-de", "libreoffice-lang-pt_br", "libreoffice-lang-en_us"])
      expect(pm.exists(name), name).toBe(true);
    expect(pm.exists("libreoffice-lang-pt-br")).toBe(false);
  });

  it.each([
    ["libreoffice-l10n-de", ["libreoffice-lang-de"]],
    ["libreoffice-l10n-pt-br", ["libreoffice-lang-pt_br"]],
    ["libreoffice-l10n-zh-tw", ["libreoffice-lang-zh_tw"]],
    ["libreoffice-l10n-en-gb", ["libreoffice-lang-en_gb"]],
    ["libreoffice-l10n-en-us", ["libreoffice-lang-en_us"]],
    ["libreoffice-l10n-kmr", ["libreoffice-lang-kmr_latn"]],
    ["libreoffice-l10n-ca", ["libreoffice-lang-ca", "libreoffice-lang-ca_valencia"]],
    ["libreoffice-l10n-sr", ["libreoffice-lang-sr", "libreoffice-lang-sr_latn"]],
  ])("maps %s to %j", (debian, alpine) => {
    const d = pm.map(debian);
    expect(d.alpine).toEqual(alpine);
    expect(d.kind).toBe(alpine.length > 1 ? "split" : "renamed");
    expect(d.reason).toContain(`Alpine ${release} packages LibreOffice's translations`);
  });

  it("maps the Indic and South African metapackages to each language they pull in", () => {
    expect(pm.map("libreoffice-l10n-in").alpine).toHaveLength(12);
    expect(pm.map("libreoffice-l10n-in").alpine).toContain("libreoffice-lang-pa_in");
    expect(pm.map("libreoffice-l10n-za").alpine).toHaveLength(11);
    expect(pm.map("libreoffice-l10n-za").alpine).toContain("libreoffice-lang-en_za");
  });

  it("maps every bookworm pack but Silesian, which Alpine does not build", () => {
    for (const name of DEBIAN_PACKS) {
      const d = pm.map(name);
      if (name === "libreoffice-l10n-szl") {
        expect(d).toMatchObject({ alpine: [], kind: "unknown" });
        expect(d.reason).toContain("szl is not one of them");
        continue;
      }
      expect(d.alpine.length, name).toBeGreaterThan(0);
      for (const a of d.alpine) expect(pm.exists(a), `${name} → ${a}`).toBe(true);
    }
  });
});

describe("LibreOffice translations on a release whose list was not read", () => {
  it("leaves them unknown on 3.24 and says which name to look for", () => {
    const pm = createPackageMap({ release: "3.24" });
    expect(pm.exists("libreoffice-lang-de")).toBe(false);
    const d = pm.map("libreoffice-l10n-pt-br");
    expect(d).toMatchObject({ alpine: [], kind: "unknown" });
    expect(d.reason).toContain("apk search libreoffice-lang-pt_br");
  });

  const on324 = createPackageMap({ release: "3.24" });

  it.each(["libreoffice-l10n-xx", "libreoffice-l10n-de-dbgsym"])(
    "gives no name to look for where 3.23 builds none: %s",
    (name) => {
      const d = on324.map(name);
      expect(d).toMatchObject({ alpine: [], kind: "unknown" });
      expect(d.reason).not.toContain("apk search");
      expect(d.reason).not.toContain("on earlier releases");
      expect(d.reason).toContain("Alpine 3.23 builds none for");
    },
  );

  it.each([
    ["in", "the Indic languages", 12],
    ["za", "the South African languages", 11],
  ])("names every pack the %s metapackage pulls in", (code, languages, count) => {
    const d = on324.map(`libreoffice-l10n-${code}`);
    const search = /`apk search ([^`]+)`/.exec(d.reason)?.[1]?.split(" ") ?? [];
    expect(search).toEqual(
      createPackageMap({ release: "3.23" }).map(`libreoffice-l10n-${code}`).alpine,
    );
    expect(search).toHaveLength(count);
    expect(d.reason).toContain(languages);
  });
});
