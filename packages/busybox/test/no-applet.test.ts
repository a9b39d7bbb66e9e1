import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS_DIR_VARIABLE, sharedCorpusDir } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { NO_APPLET } from "../src/index.js";

const CORPUS = sharedCorpusDir();
const CONFIG = join(CORPUS, "alpine-rootfs", "busyboxconfig-1.37.0");
const RELEASES = ["3.21.0", "3.22.0", "3.23.0", "3.24.0"];
const indexOf = (release: string) => join(CORPUS, "aports-index", `aports-${release}-packages.tsv`);
const HAVE_CONFIG = existsSync(CONFIG);
const HAVE_INDEX = RELEASES.every((r) => existsSync(indexOf(r)));
if (!HAVE_CONFIG || !HAVE_INDEX)
  console.warn(
    `skipping NO_APPLET checks against the corpus: ${CORPUS} is incomplete (set ${CORPUS_DIR_VARIABLE} to a full copy)`,
  );

/** The applets Alpine's busybox build turns on: `CONFIG_TSORT=y` → tsort. */
function enabledApplets(): Set<string> {
  const text = readFileSync(CONFIG, "utf8");
  return new Set([...text.matchAll(/^CONFIG_([A-Z0-9_]+)=y$/gm)].map((m) => m[1]!.toLowerCase()));
}

/** Package names (column 3) of one release's main and community repositories. */
function packagesOf(release: string): Set<string> {
  const rows = readFileSync(indexOf(release), "utf8").split("\n").slice(1);
  return new Set(
    rows
      .map((row) => row.split("\t"))
      .filter(([repo]) => repo === "main" || repo === "community")
      .map(([, , name]) => name ?? ""),
  );
}

describe.skipIf(!HAVE_CONFIG)("NO_APPLET against Alpine's busybox configuration", () => {
  it("lists no command Alpine's busybox 1.37 builds an applet for", () => {
    const enabled = enabledApplets();
    // The reading is sound: applets Alpine has are found under the same names.
    for (const applet of ["tac", "timeout", "nsenter", "tree", "flock"])
      expect(enabled.has(applet), applet).toBe(true);
    expect(Object.keys(NO_APPLET).filter((tool) => enabled.has(tool))).toEqual([]);
  });
});

describe.skipIf(!HAVE_INDEX)("NO_APPLET against the aports index", () => {
  it("names packages every supported release has in main or community", () => {
    const wanted = [...new Set([...Object.values(NO_APPLET), "util-linux"])];
    for (const release of RELEASES) {
      const names = packagesOf(release);
      expect(
        wanted.filter((pkg) => !names.has(pkg)),
        release,
      ).toEqual([]);
    }
  });
});
