import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";
import { aportsNames, SKIP_WITHOUT_APORTS } from "./aports-index.js";

const debian = JSON.parse(
  readFileSync(new URL("../data/debian-index.json", import.meta.url), "utf8"),
) as { binaries: Record<string, string[]> };
// Every tesseract data package bookworm has (tesseract-ocr-eng, -chi-sim, -script-latn, -all, …).
const DEBIAN_PACKS = Object.keys(debian.binaries).filter((n) => n.startsWith("tesseract-ocr-"));

describe.each(KNOWN_RELEASES)("tesseract language packs on Alpine %s", (release) => {
  const pm = createPackageMap({ release });

  it("maps the common packs to tesseract-ocr-data-<lang>", () => {
    for (const lang of ["eng", "deu", "osd", "fra"]) {
      const d = pm.map(`tesseract-ocr-${lang}`);
      expect(d).toMatchObject({ alpine: [`tesseract-ocr-data-${lang}`], kind: "renamed" });
      expect(d.reason).toContain(`Alpine ${release}`);
    }
    // Debian writes tessdata's underscore as a dash.
    expect(pm.map("tesseract-ocr-chi-sim").alpine).toEqual(["tesseract-ocr-data-chi_sim"]);
    expect(pm.map("tesseract-ocr-ita-old").alpine).toEqual(["tesseract-ocr-data-ita_old"]);
    expect(pm.map("tesseract-ocr-dev").alpine).toEqual(["tesseract-ocr-dev"]);
  });

  it("maps every Debian pack the release has, and says so for the ones it lacks", () => {
    const reached = new Set<string>();
    for (const name of DEBIAN_PACKS) {
      const d = pm.map(name);
      for (const a of [...d.alpine, ...(d.candidates ?? [])]) expect(pm.exists(a), a).toBe(true);
      if (d.kind === "unknown") {
        expect(d.reason, name).toMatch(/tesseract's data for \d+ languages/);
        expect(d.candidates ?? [], name).not.toContain("tesseract-ocr-dev");
      } else if (name !== "tesseract-ocr-all") for (const a of d.alpine) reached.add(a);
    }
    const alpinePacks = pm.map("tesseract-ocr-all").alpine;
    // equ (equations) and tgl (Tagalog; bookworm has fil instead) have no bookworm pack.
    const shared = alpinePacks.filter((a) => !/-data-(?:equ|tgl)$/.test(a));
    expect([...reached].sort()).toEqual(shared.sort());
    expect(alpinePacks.length).toBeGreaterThan(60);
  });

  it("emits only names of main or community in the aports index", (ctx) => {
    const names = aportsNames(release);
    if (!names) {
      ctx.skip(SKIP_WITHOUT_APORTS);
      return;
    }
    for (const name of DEBIAN_PACKS) {
      for (const a of pm.map(name).alpine) expect(names.has(a), `${name} → ${a}`).toBe(true);
    }
  });
});

describe("tesseract packs that differ between releases", () => {
  it("maps Latin only where the release packages it", () => {
    expect(createPackageMap({ release: "3.21" }).map("tesseract-ocr-lat")).toMatchObject({
      alpine: [],
      kind: "unknown",
    });
    expect(createPackageMap({ release: "3.22" }).map("tesseract-ocr-lat").alpine).toEqual([
      "tesseract-ocr-data-lat",
    ]);
  });

  it("offers the base language for a variant Alpine does not build", () => {
    const d = createPackageMap({ release: "3.24" }).map("tesseract-ocr-aze-cyrl");
    expect(d).toMatchObject({
      alpine: [],
      kind: "unknown",
      candidates: ["tesseract-ocr-data-aze"],
    });
  });
});

describe.each(KNOWN_RELEASES)("node-gyp on Alpine %s", (release) => {
  it("needs nothing of its own: npm bundles node-gyp", () => {
    const pm = createPackageMap({ release });
    // The premise: Alpine has npm and no node-gyp package.
    expect(pm.exists("npm")).toBe(true);
    expect(pm.exists("node-gyp")).toBe(false);
    const d = pm.map("node-gyp");
    expect(d).toMatchObject({ alpine: [], kind: "none", layer: "not-needed" });
    expect(d.reason).toMatch(/npm ships its own node-gyp/);
  });
});
