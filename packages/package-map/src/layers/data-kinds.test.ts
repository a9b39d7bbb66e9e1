import { describe, expect, it } from "vitest";
import { aportsNames, SKIP_WITHOUT_APORTS } from "../../test/aports-index.js";
import { createPackageMap, KNOWN_RELEASES } from "../index.js";

// Debian builds these from an application's source (cool-retro-term, wine, lyx, libreoffice,
// gimp's help, scummvm's games): the upstream join found that application, and the map used to
// install it for a file it ships. Alpine 3.21–3.24 package none of these files on their own.
const UNKNOWN = [
  "fonts-hermit",
  "fonts-proggy",
  "fonts-wine",
  "fonts-lyx",
  "fonts-opensymbol",
  "fonts-powerline",
  "lilypond-fonts",
  "gimp-help-de",
  "gimp-help-pt-br",
  "drascula-music",
  "python3-examples",
  "openssh-tests",
  "libreoffice-smoketest-data",
  "apt-config-icons",
];

// The subpackage for the kind where the origin has one, and the origin where it is that kind.
const KIND_PARTS: Readonly<Record<string, readonly string[]>> = {
  "sway-backgrounds": ["sway-wallpapers"],
  "breeze-cursor-theme": ["breeze-cursors"],
  "qt5-style-kvantum-themes": ["kvantum-themes"],
  "clamav-docs": ["clamav-doc"],
  "mariadb-test-data": ["mariadb-test"],
  "fonts-tlwg-mono": ["font-tlwg"],
  "fonts-ebgaramond": ["font-eb-garamond"],
  "breeze-icon-theme": ["breeze-icons"],
  "breeze-gtk-theme": ["breeze-gtk"],
};

describe.each(KNOWN_RELEASES)("data-only Debian packages on Alpine %s", (release) => {
  const pm = createPackageMap({ release });

  it.each(UNKNOWN)("leaves %s unknown rather than the application that ships it", (name) => {
    const d = pm.map(name);
    expect(d.kind).toBe("unknown");
    expect(d.alpine).toEqual([]);
  });

  it("says in explain why the application was not taken", () => {
    const steps = pm.explain("fonts-wine").steps.map((s) => s.detail);
    expect(steps).toContain(
      "fonts-wine holds fonts only; Alpine's wine is no package of fonts and has no subpackage of them: not the whole of wine",
    );
  });

  it.each(Object.entries(KIND_PARTS))("maps %s to %j", (debian, alpine) => {
    expect(pm.map(debian).alpine).toEqual(alpine);
  });

  it("keeps a data package's programs and a project's own shared files with the project", () => {
    expect(pm.map("gimp-data").alpine).toEqual(["gimp"]);
    expect(pm.map("cmake-data").alpine).toEqual(["cmake"]);
    expect(pm.map("libgtk-3-common").alpine).toEqual(["gtk+3.0"]);
  });

  it("emits only names of main or community in the aports index", (ctx) => {
    const names = aportsNames(release);
    if (!names) return ctx.skip(SKIP_WITHOUT_APORTS);
    for (const debian of Object.keys(KIND_PARTS))
      for (const a of pm.map(debian).alpine) expect(names.has(a), `${debian} → ${a}`).toBe(true);
  });
});
