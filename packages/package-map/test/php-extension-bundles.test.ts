import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";
import { aportsNames, SKIP_WITHOUT_APORTS } from "./aports-index.js";

// A tester's finding: php8.2-xml left out php82-xsl, though Debian's php8.2-xml Provides
// php8.2-xsl. Debian packages several extensions together and installs that package for any of
// their names; Alpine builds each as phpNN-<ext>.

/**
 * bookworm `apt-cache show php8.2-<pkg>` Provides (php8.2- names, Debian spelling), with the
 * package's own extension where it has one.
 */
const DEBIAN_BUNDLES: Record<string, string[]> = {
  xml: ["xml", "dom", "simplexml", "xmlreader", "xmlwriter", "xsl"],
  mysql: ["mysqli", "mysqlnd", "pdo-mysql"],
  pgsql: ["pgsql", "pdo-pgsql"],
  sqlite3: ["sqlite3", "pdo-sqlite"],
  odbc: ["odbc", "pdo-odbc"],
  sybase: ["pdo-dblib"],
};

/** The PHP each release answers php8.2 with, and its default PHP. */
const PHP: Record<string, { asked: string; default: string }> = {
  "3.21": { asked: "php82", default: "php83" },
  "3.22": { asked: "php82", default: "php84" },
  "3.23": { asked: "php84", default: "php84" },
  "3.24": { asked: "php85", default: "php85" },
};

const alpine = (php: string, ext: string) => `${php}-${ext.replace(/-/g, "_")}`;

describe.each(KNOWN_RELEASES)(
  "Debian PHP packages of several extensions on Alpine %s",
  (release) => {
    const pm = createPackageMap({ release });
    const php = PHP[release] as { asked: string; default: string };

    it.each(Object.entries(DEBIAN_BUNDLES))(
      "php8.2-%s carries every extension it provides",
      (pkg, exts) => {
        const want = exts.map((e) => alpine(php.asked, e));
        for (const name of [`php8.2-${pkg}`, ...exts.map((e) => `php8.2-${e}`)]) {
          const d = pm.map(name);
          // apt installs php8.2-<pkg> for any name it provides, so each name brings all of them.
          expect([...d.alpine].sort(), name).toEqual([...want].sort());
          if (want.length > 1) expect(d.kind, name).toBe("split");
        }
        // Unversioned php-<pkg> follows the release's default PHP.
        const plain = pm.map(`php-${pkg}`);
        expect([...plain.alpine].sort()).toEqual(exts.map((e) => alpine(php.default, e)).sort());
      },
    );

    it("emits only extensions of a PHP aports builds", (ctx) => {
      const names = aportsNames(release);
      if (!names) return ctx.skip(SKIP_WITHOUT_APORTS);
      for (const [pkg, exts] of Object.entries(DEBIAN_BUNDLES)) {
        for (const name of [`php8.2-${pkg}`, `php-${pkg}`, ...exts.map((e) => `php8.2-${e}`)]) {
          for (const a of pm.map(name).alpine) {
            expect(pm.exists(a), `${name} → ${a}`).toBe(true);
            // Extension subpackages come from a loop the static index cannot list: their phpNN
            // must be in main or community.
            const origin = /^(php\d+)-[a-z_0-9]+$/.exec(a)?.[1];
            expect(names.has(a) || (origin !== undefined && names.has(origin)), a).toBe(true);
          }
        }
      }
    });
  },
);
