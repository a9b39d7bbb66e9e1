import type { BundledParts } from "./bundled-parts-entry.js";

/**
 * The extensions Debian's phpX.Y-common carries (its Provides: php8.2-calendar … -tokenizer);
 * Alpine's phpNN-common is php.ini and conf.d alone, and builds each of these as phpNN-<ext>.
 */
const PHP_COMMON_EXTENSIONS = [
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
] as const;

/**
 * Compiled into every Debian PHP binary (each SAPI depends on libssl3 and libsodium23 for them),
 * shared phpNN-<ext> packages on Alpine. zlib and json are static on both (Alpine's phpNN-common
 * provides phpNN-zlib and phpNN-json); libxml, filter and hash are always static.
 */
const PHP_BUILT_IN_EXTENSIONS = ["openssl", "session", "sodium"] as const;

/** Debian configures pcntl into the CLI alone; Alpine's phpNN-pcntl loads it for every SAPI. */
const PHP_CLI_EXTENSIONS = ["pcntl"] as const;

const COMMON_WHY =
  "Debian's phpX.Y-common carries the calendar, ctype, exif, ffi, fileinfo, ftp, gettext, iconv, pdo, phar, posix, shmop, sockets, sysv* and tokenizer extensions, while Alpine's phpNN-common is the configuration alone and each extension is a phpNN-<ext> package: without them the composer installer (phar) or Laravel (ctype, tokenizer, fileinfo, pdo) fails";
const SAPI_WHY =
  "Debian's PHP binaries have openssl, session and sodium compiled in (the CLI pcntl too) and depend on phpX.Y-common and phpX.Y-opcache, while Alpine builds each as a phpNN-<ext> package that phpNN does not pull in (OPcache is compiled in from PHP 8.5)";
const CLI_WHY =
  "Debian's phpX.Y-fpm, libapache2-mod-phpX.Y and phpX.Y-cgi depend on phpX.Y-cli, so the php program is there for RUN php …, composer or a #!/usr/bin/env php tool; Alpine's phpNN-fpm, phpNN-apache2 and phpNN-cgi do not pull in phpNN";

/**
 * Debian packages that hold several extensions, each with the extensions its Provides names
 * (bookworm `apt-cache show php8.2-xml` … `-sybase`), in Alpine's spelling (pdo_mysql, not
 * pdo-mysql). Alpine builds every one as its own phpNN-<ext>; the first is the package a Debian
 * name without an extension of that name (php8.2-mysql, php8.2-sybase) is answered with.
 * php8.2-interbase (pdo_firebird) is left out: Alpine builds no Firebird driver.
 */
const PHP_EXTENSION_BUNDLES: Readonly<Record<string, readonly string[]>> = {
  xml: ["xml", "dom", "simplexml", "xmlreader", "xmlwriter", "xsl"],
  mysql: ["mysqli", "mysqlnd", "pdo_mysql"],
  pgsql: ["pgsql", "pdo_pgsql"],
  sqlite3: ["sqlite3", "pdo_sqlite"],
  odbc: ["odbc", "pdo_odbc"],
  sybase: ["pdo_dblib"],
};

function bundleHolding(ext: string): readonly string[] | undefined {
  return Object.values(PHP_EXTENSION_BUNDLES).find((b) => b.includes(ext));
}

/**
 * The Alpine extension for the extension part of a Debian PHP name: php8.2-mysql is Alpine's
 * mysqli, the provided name php8.2-pdo-mysql is pdo_mysql; any other name is kept.
 */
export function alpineExtension(debianExt: string): string {
  const bundle = Object.hasOwn(PHP_EXTENSION_BUNDLES, debianExt)
    ? PHP_EXTENSION_BUNDLES[debianExt]
    : undefined;
  if (bundle) return bundle[0] as string;
  const underscored = debianExt.replace(/-/g, "_");
  return bundleHolding(underscored) ? underscored : debianExt;
}

/** Every Debian spelling of a bundle or of an extension it provides, for the parts rule. */
const BUNDLE_DEBIAN_NAMES = [
  ...Object.keys(PHP_EXTENSION_BUNDLES),
  ...Object.values(PHP_EXTENSION_BUNDLES)
    .flat()
    .map((e) => e.replace(/_/g, "-")),
];
const BUNDLE_EXTENSIONS = Object.values(PHP_EXTENSION_BUNDLES).flat();

const BUNDLE_WHY =
  "Debian builds these extensions into one package (php8.2-xml carries dom, simplexml, xml, xmlreader, xmlwriter and xsl; php8.2-mysql mysqli, mysqlnd and pdo_mysql; php8.2-pgsql, -sqlite3 and -odbc their PDO driver too) and installs that package for any of their names, while Alpine builds each as a phpNN-<ext> package";

/** The other extensions of the Debian package that holds the answered one (php84-xml → php84-xsl …). */
function bundleParts(alpine: string): string[] {
  const php = phpOf(alpine);
  const ext = alpine.slice(php.length + 1);
  return extensions(php, bundleHolding(ext) ?? []).filter((n) => n !== alpine);
}

/** The Alpine PHP's prefix in a package name: php84 of php84-fpm. */
function phpOf(alpine: string): string {
  return /^php\d+/.exec(alpine)?.[0] ?? alpine;
}

function extensions(php: string, names: readonly string[]): string[] {
  return names.map((ext) => `${php}-${ext}`);
}

/** Debian's PHP programs depend on phpX.Y-opcache; PHP 8.5 compiles OPcache in (no php85-opcache). */
function opcache(php: string): string[] {
  return Number(php.slice(3)) >= 85 ? [] : [`${php}-opcache`];
}

/** What a Debian PHP program package brings that Alpine's phpNN leaves out. */
function programParts(alpine: string): string[] {
  const php = phpOf(alpine);
  return [
    ...opcache(php),
    ...extensions(php, PHP_BUILT_IN_EXTENSIONS),
    ...extensions(php, PHP_CLI_EXTENSIONS),
    ...extensions(php, PHP_COMMON_EXTENSIONS),
  ];
}

/** A server API package: the CLI it depends on on Debian, and all the CLI brings. */
function sapiParts(alpine: string): string[] {
  return [phpOf(alpine), ...programParts(alpine)];
}

/**
 * Debian's PHP packages as BundledParts rules: the answer keeps its PHP version (php8.2-fpm may be
 * php85-fpm), so the parts are named from the Alpine package answered. Debian's unversioned
 * php-common is left out: it is the sessionclean script and conf directories, and pulls in no
 * extension (it depends on psmisc alone).
 */
export const PHP_PARTS: readonly BundledParts[] = [
  {
    debian: /^php\d\.\d-common$/,
    base: /^php\d+-common$/,
    parts: (alpine) => extensions(phpOf(alpine), PHP_COMMON_EXTENSIONS),
    why: COMMON_WHY,
  },
  {
    debian: /^php(?:\d\.\d)?-cli$/,
    base: /^php\d+(?:-cli)?$/,
    parts: programParts,
    why: `${SAPI_WHY}; ${COMMON_WHY}`,
  },
  {
    // php and phpX.Y depend on a server API (mod_php first) and phpX.Y-common; the server API
    // is the image's choice, so only what every one of them brings is added.
    debian: /^php(?:\d\.\d)?$/,
    base: /^php\d+$/,
    parts: programParts,
    why: `Debian's phpX.Y depends on libapache2-mod-phpX.Y, phpX.Y-fpm or phpX.Y-cgi, each of which brings phpX.Y-cli; ${SAPI_WHY}; ${COMMON_WHY}`,
  },
  {
    debian: /^(?:php(?:\d\.\d)?-(?:fpm|cgi)|libapache2-mod-php(?:\d\.\d)?)$/,
    base: /^php\d+-(?:fpm|cgi|apache2)$/,
    parts: sapiParts,
    why: `${CLI_WHY}; ${SAPI_WHY}; ${COMMON_WHY}`,
  },
  {
    debian: new RegExp(`^php(?:\\d\\.\\d)?-(?:${BUNDLE_DEBIAN_NAMES.join("|")})$`),
    base: new RegExp(`^php\\d+-(?:${BUNDLE_EXTENSIONS.join("|")})$`),
    parts: bundleParts,
    why: BUNDLE_WHY,
  },
];
