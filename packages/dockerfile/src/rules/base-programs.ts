import { ALPINE_BASE_PROGRAMS } from "@alpinize/busybox";
import { ALPINE_PROGRAM_DIRS, alpineProgramDir } from "./alpine-program-dirs.js";

/**
 * Whether a program is on the PATH of a base image before any `apk add`: undefined where that is
 * not known (a program an official `-alpine` image on an older Alpine may ship beyond busybox and
 * its own runtime, or one that comes and goes with the runtime's version). With `path` (`[ -x
 * /usr/bin/grep ]`): whether it is there, at that path.
 */
export type BaseHas = (program: string, path?: string) => boolean | undefined;

/**
 * `alpine` itself (no tag, `latest`, `edge` or a 3.21 to 3.24 tag, optionally pinned by digest),
 * the releases whose busybox 1.37 ALPINE_BASE_PROGRAMS lists: any other image may ship more.
 */
const PLAIN_ALPINE =
  /^(?:docker\.io\/)?(?:library\/)?alpine(?::(?:latest|edge|3\.2[1-4](?:\.\d+)?))?(?:@sha256:[0-9a-f]{64})?$/i;

/**
 * An official image's `-alpine` tag (`python:3.13-alpine`, `node:22-alpine3.21`,
 * `php:8.4-fpm-alpine`): the repository, and the Alpine release the tag names, if any.
 */
const OFFICIAL_ALPINE =
  /^(?:docker\.io\/)?(?:library\/)?(node|python|golang|ruby|php):(?:[^\s@:]+-)?alpine(3\.\d+)?(?:@sha256:[0-9a-f]{64})?$/i;

/** One official image's programs beyond Alpine's base: always there, and maybe there. */
interface OfficialTable {
  ships: readonly string[];
  /** Names that depend on the runtime's version or the tag's variant: not known either way. */
  maybe: RegExp;
}

/** ca-certificates (not only the base's ca-certificates-bundle) brings this. */
const CA = "update-ca-certificates";

/**
 * What the official images' `-alpine` tags put on the PATH beyond Alpine's base, read from their
 * Dockerfiles (docker-library's python, golang, ruby and php templates, nodejs/docker-node): the
 * runtime they build or unpack, the links they make, and the packages they keep (every other
 * package they add is a `--virtual` group deleted again, or libraries only: scanelf's `so:`
 * run-time deps, libstdc++, tzdata). The same images BARE_OFFICIAL of `alpinize check` knows.
 */
const OFFICIAL: Readonly<Record<string, OfficialTable>> = {
  // node's tarball and `make install`, yarn v1 linked into /usr/local/bin, the entrypoint
  // script; corepack left the tarball with node 25.
  node: {
    ships: ["node", "nodejs", "npm", "npx", "yarn", "yarnpkg", "docker-entrypoint.sh"],
    maybe: /^corepack$/,
  },
  // `make install` and the links without the 3 (`idle3` → `idle`); ca-certificates and tzdata
  // kept. Versioned names (python3.13, pip3.13) and 2to3 (gone in 3.13) depend on the tag.
  python: {
    ships: [
      "python",
      "python3",
      "pip",
      "pip3",
      "pydoc",
      "pydoc3",
      "idle",
      "idle3",
      "python-config",
      "python3-config",
      CA,
    ],
    maybe: /^(?:(?:python|pip|pydoc|idle)3\.\d+(?:t|-config)?|2to3(?:-3\.\d+)?)$/,
  },
  // /usr/local/go/bin on the PATH, ca-certificates kept.
  golang: { ships: ["go", "gofmt", CA], maybe: /^$/ },
  // `make install` with its default and bundled gems' commands; which bundled gems bring a
  // command changes between releases.
  ruby: {
    ships: ["ruby", "gem", "irb", "erb", "rake", "bundle", "bundler", "rdoc", "ri"],
    maybe: /^(?:racc|rbs|typeprof|rdbg|syntax_suggest|test-unit|minitest)$/,
  },
  // Persistent deps ca-certificates curl openssl tar xz, `make install` with pear, the
  // docker-php-* scripts. php-fpm (fpm tags), php-cgi and phpdbg depend on the variant and
  // version, and xz's helper scripts on its packaging.
  php: {
    ships: [
      "php",
      "php-config",
      "phpize",
      "pecl",
      "pear",
      "peardev",
      "phar",
      "phar.phar",
      "docker-php-source",
      "docker-php-ext-configure",
      "docker-php-ext-enable",
      "docker-php-ext-install",
      "docker-php-entrypoint",
      "curl",
      "openssl",
      "tar",
      "xz",
      "unxz",
      "xzcat",
      "lzma",
      "unlzma",
      "lzcat",
      CA,
    ],
    maybe: /^(?:php-fpm|php-cgi|phpdbg|xz\w+|lz\w+)$/,
  },
};

/**
 * What the base image (the FROM word at the bottom of a stage's chain, as written) has on its
 * PATH, where alpinize knows it. Plain `alpine` of a listed release: ALPINE_BASE_PROGRAMS and
 * nothing else. The `-alpine` tags of node, python, golang, ruby and php are built FROM alpine
 * with its busybox: ALPINE_BASE_PROGRAMS and the image's own table (OFFICIAL) are there, a name
 * the table leaves open is not known, and any other program is not there, as on plain alpine. A
 * tag on Alpine 3.20 or older (`-alpine3.20`) was built from older templates and busybox: only
 * what is listed is known to be there. Undefined for any other image (a `${VAR}`, another tag, a
 * Debian tag).
 */
export function baseProgramsOf(image: string): BaseHas | undefined {
  const text = image.trim();
  if (PLAIN_ALPINE.test(text)) return atPath((p) => ALPINE_BASE_PROGRAMS.has(p));
  const match = OFFICIAL_ALPINE.exec(text);
  const table = match && OFFICIAL[match[1]!.toLowerCase()];
  if (!table) return undefined;
  const ships = new Set(table.ships);
  const older = match[2] !== undefined && Number(match[2].slice(2)) <= 20;
  return atPath((p) => {
    if (ALPINE_BASE_PROGRAMS.has(p) || ships.has(p)) return true;
    return older || table.maybe.test(p) ? undefined : false;
  }, ships);
}

/**
 * `has`, also reading a path test: a base program tested in a folder of Alpine's
 * (alpineProgramDir) other than its own is not there (`[ -x /usr/bin/grep ]`); any other path
 * (another folder, a program the image puts in place of busybox's, `ships`) is read by the
 * program's name alone.
 */
function atPath(
  has: (program: string) => boolean | undefined,
  ships: ReadonlySet<string> = new Set(),
): BaseHas {
  return (program, path) => {
    const found = has(program);
    if (!found || path === undefined || ships.has(program)) return found;
    const dir = path.slice(0, path.lastIndexOf("/")).replace(/\/+$/, "") || "/";
    const own = alpineProgramDir(program);
    if (own === undefined || !ALPINE_PROGRAM_DIRS.has(dir)) return found;
    return dir === own;
  };
}
