import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";
import { aportsNames, SKIP_WITHOUT_APORTS } from "./aports-index.js";

// A tester's PHP images: Debian's php8.2-common carries seventeen extensions and its PHP programs
// have openssl, session and sodium compiled in, while Alpine builds every one as a phpNN-<ext>
// package; and Debian's php8.2-fpm, libapache2-mod-php8.2 and php8.2-cgi bring the php CLI, which
// Alpine's phpNN-fpm/-apache2/-cgi do not. The composer installer (phar, openssl), Laravel
// (ctype, tokenizer, fileinfo, pdo) and RUN php … then failed on the Alpine image.

/** bookworm's `apt-cache show php8.2-common` Provides, without the php8.2- prefix. */
const DEBIAN_COMMON_PROVIDES = [
  "calendar",
  "ctype",
  "exif",
  "ffi",
  "fileinfo",
  "ftp",
  "gettext",
  "iconv",
  "pdo",
  "phar",
  "posix",
  "shmop",
  "sockets",
  "sysvmsg",
  "sysvsem",
  "sysvshm",
  "tokenizer",
];
/** Compiled into Debian's php binaries: each depends on libssl3 and libsodium23. */
const DEBIAN_BUILT_IN = ["openssl", "session", "sodium"];

/** The PHP each release answers php8.2 with, and its default PHP. */
const PHP: Record<string, { asked: string; default: string }> = {
  "3.21": { asked: "php82", default: "php83" },
  "3.22": { asked: "php82", default: "php84" },
  "3.23": { asked: "php84", default: "php84" },
  "3.24": { asked: "php85", default: "php85" },
};

const SAPIS = ["php8.2-fpm", "libapache2-mod-php8.2", "php8.2-cgi"];
const UNVERSIONED_SAPIS = ["php-fpm", "libapache2-mod-php", "php-cgi"];
const PROGRAMS = ["php8.2-cli", "php-cli", "php8.2", "php", ...SAPIS, ...UNVERSIONED_SAPIS];
const ALL = [...PROGRAMS, "php8.2-common", "php-common", "php8.2-readline", "php8.2-opcache"];

describe.each(KNOWN_RELEASES)("Debian PHP packages on Alpine %s", (release) => {
  const pm = createPackageMap({ release });
  const php = PHP[release] as { asked: string; default: string };
  const phpFor = (name: string) => (/\d\.\d/.test(name) ? php.asked : php.default);

  it("adds every extension Debian's php8.2-common provides to its answer", () => {
    const d = pm.map("php8.2-common");
    expect(d.alpine[0]).toBe(`${php.asked}-common`);
    expect(d.kind).toBe("split");
    expect(d.reason).toMatch(/composer installer \(phar\)/);
    for (const ext of DEBIAN_COMMON_PROVIDES) {
      // What Debian's provided name maps to on its own is in the common answer.
      for (const a of pm.map(`php8.2-${ext}`).alpine) expect(d.alpine, ext).toContain(a);
    }
    // The common package is configuration and extensions, no program or server API.
    expect(d.alpine).not.toContain(php.asked);
    expect(d.alpine).not.toContain(`${php.asked}-openssl`);
  });

  it("adds the compiled-in extensions and common's extensions to every PHP program", () => {
    for (const name of PROGRAMS) {
      const d = pm.map(name);
      const v = phpFor(name);
      for (const ext of [...DEBIAN_COMMON_PROVIDES, ...DEBIAN_BUILT_IN, "pcntl"]) {
        expect(d.alpine, `${name} ${ext}`).toContain(`${v}-${ext}`);
      }
      expect(new Set(d.alpine).size, name).toBe(d.alpine.length);
    }
  });

  it("adds the php CLI to the server APIs, which Debian's depend on", () => {
    for (const [name, sapi] of [
      ["php8.2-fpm", "fpm"],
      ["libapache2-mod-php8.2", "apache2"],
      ["php8.2-cgi", "cgi"],
      ["php-fpm", "fpm"],
      ["libapache2-mod-php", "apache2"],
      ["php-cgi", "cgi"],
    ] as const) {
      const d = pm.map(name);
      const v = phpFor(name);
      expect(d.alpine.slice(0, 2), name).toEqual([`${v}-${sapi}`, v]);
      expect(d.reason).toMatch(/#!\/usr\/bin\/env php/);
    }
    // The CLI's own answer is the CLI; the metapackage's is the CLI without a server API.
    expect(pm.map("php8.2-cli").alpine[0]).toBe(`${php.asked}-cli`);
    expect(pm.map("php").alpine[0]).toBe(php.default);
    expect(pm.map("php").alpine.some((a) => /-(?:fpm|apache2|cgi)$/.test(a))).toBe(false);
  });

  it("adds OPcache where the PHP builds it apart, and says PHP 8.5 compiles it in", () => {
    for (const name of PROGRAMS) {
      const v = phpFor(name);
      const shared = Number(v.slice(3)) < 85;
      expect(pm.map(name).alpine.includes(`${v}-opcache`), name).toBe(shared);
    }
    const opcache = pm.map("php8.2-opcache");
    if (php.asked === "php85") {
      expect(opcache.alpine).toEqual(["php85"]);
      expect(opcache.reason).toMatch(/PHP 8\.5 always compiles OPcache in/);
      expect(pm.exists("php85-opcache")).toBe(false);
    } else {
      expect(opcache.alpine).toEqual([`${php.asked}-opcache`]);
    }
  });

  it("leaves Debian's php-common, which is configuration alone, as Alpine's phpNN-common", () => {
    expect(pm.map("php-common").alpine).toEqual([`${php.default}-common`]);
  });

  it("maps readline to the php package, which has it built in, of the PHP asked for", () => {
    const d = pm.map("php8.2-readline");
    expect(d.alpine).toEqual([php.asked]);
    expect(d.reason).toMatch(/readline extension \(with libedit\) into/);
  });

  it("maps libapache2-mod-phpX.Y to mod_php of that PHP, keeping the version change", () => {
    const d = pm.map("libapache2-mod-php8.2");
    expect(d.alpine[0]).toBe(`${php.asked}-apache2`);
    if (php.asked === "php82") expect(d.versionChange).toBeUndefined();
    else expect(d.versionChange).toMatchObject({ family: "php", from: "8.2" });
    expect(pm.map("php8.2-fpm").versionChange?.to).toBe(
      php.asked === "php82" ? undefined : `${php.asked[3]}.${php.asked[4]}`,
    );
  });

  it("leaves a project override as it is", () => {
    const custom = createPackageMap({ release, overrides: { "php8.2-fpm": ["php84-fpm"] } });
    expect(custom.map("php8.2-fpm").alpine).toEqual(["php84-fpm"]);
  });

  it("emits only names the release has: its index, or a PHP extension of a PHP in aports", (ctx) => {
    for (const name of ALL) {
      for (const a of pm.map(name).alpine) expect(pm.exists(a), `${name} → ${a}`).toBe(true);
    }
    const names = aportsNames(release);
    if (!names) return ctx.skip(SKIP_WITHOUT_APORTS);
    for (const name of ALL) {
      for (const a of pm.map(name).alpine) {
        // phpNN-<ext> subpackages come from a shell loop the static aports index cannot list;
        // their phpNN must be there, as main or community.
        const origin = /^(php\d+)-[a-z_]+$/.exec(a)?.[1];
        const known = names.has(a) || (origin !== undefined && names.has(origin));
        expect(known, `${name} → ${a}`).toBe(true);
      }
    }
  });
});
