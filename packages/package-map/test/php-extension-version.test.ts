import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";
import { aportsNames, aportsProvided, SKIP_WITHOUT_APORTS } from "./aports-index.js";

// A tester's finding: php8.2-imagick on Alpine 3.21 and 3.22 was answered with php83-/php84-pecl-
// imagick and "php 8.2 is not in Alpine", though community has php82-pecl-imagick: PHP 8.2 loads
// no extension built for another PHP. A versioned Debian phpX.Y-<ext> keeps its PHP wherever the
// release builds the extension for it, as phpNN-pecl-<ext> or phpNN-<ext>.

/** Debian phpX.Y-<ext> packages whose extension Alpine builds from PECL (phpNN-pecl-<ext>). */
const PECL = [
  "imagick",
  "memcached",
  "amqp",
  "igbinary",
  "yaml",
  "uuid",
  "ssh2",
  "pcov",
  "ast",
  "grpc",
  "protobuf",
  "rdkafka",
  "swoole",
  "zstd",
  "maxminddb",
  "mailparse",
  "smbclient",
  "vips",
  "redis",
  "apcu",
  "xdebug",
  "msgpack",
  "mongodb",
  "memcache",
  "xhprof",
];
const ASKED = ["8.1", "8.2", "8.3", "8.4", "8.5"];

const nn = (v: string) => v.replace(".", "");

describe.each(KNOWN_RELEASES)("PECL extensions keep the PHP asked for on Alpine %s", (release) => {
  const pm = createPackageMap({ release });

  it("answers phpX.Y-<ext> with the release's build for PHP X.Y, else another PHP's with a version change", (ctx) => {
    const real = aportsNames(release);
    const provided = aportsProvided(release);
    if (!real || !provided) return ctx.skip(SKIP_WITHOUT_APORTS);
    // The aports index, not data/: which PHPs the release builds each extension for.
    const builds = (php: string, ext: string) =>
      [`php${php}-pecl-${ext}`, `php${php}-${ext}`].filter((n) => real.has(n) || provided.has(n));
    let checked = 0;
    for (const ext of PECL) {
      for (const v of ASKED) {
        const name = `php${v}-${ext}`;
        const d = pm.map(name);
        const same = builds(nn(v), ext);
        if (same.length > 0) {
          checked++;
          expect(same, `${name} on ${release}`).toContain(d.alpine[0]);
          expect(d.versionChange, name).toBeUndefined();
          expect(d.reason, name).not.toMatch(/is not in Alpine/);
        } else if (d.alpine.length > 0) {
          // Another PHP's build: only when the asked one has none, and then said.
          const to = /^php(\d)(\d)-/.exec(d.alpine[0] ?? "");
          expect(to, `${name} → ${d.alpine[0]}`).not.toBeNull();
          expect(d.versionChange, name).toEqual({
            family: "php",
            from: v,
            to: `${to?.[1]}.${to?.[2]}`,
          });
          expect(real.has(d.alpine[0] ?? "") || provided.has(d.alpine[0] ?? "")).toBe(true);
        }
      }
    }
    // Every release builds most of these for at least two PHPs.
    expect(checked).toBeGreaterThan(PECL.length);
  });

  it("keeps PHP 8.2 for the tester's image where the release builds 8.2", (ctx) => {
    const real = aportsNames(release);
    if (!real) return ctx.skip(SKIP_WITHOUT_APORTS);
    if (!real.has("php82")) return;
    for (const ext of ["imagick", "amqp", "memcached"]) {
      const d = pm.map(`php8.2-${ext}`);
      expect(d.alpine).toEqual([`php82-pecl-${ext}`]);
      expect(d.versionChange).toBeUndefined();
    }
  });
});
