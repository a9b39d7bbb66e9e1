/**
 * Programs and paths that exist only in Debian's packaging (or are named differently there). No
 * rule can rewrite them safely, so they are flagged where a RUN calls them or ENTRYPOINT/CMD
 * starts them; gpg1 and gpgv1 as a RUN's command word are renamed instead (renamed-calls.ts).
 */

import { createPackageMap, isKnownRelease, type PackageMap } from "@alpinize/package-map";

/** Command names only Debian's packaging uses, and Alpine's name for the same program. */
const RENAMED: Readonly<Record<string, string>> = {
  gpg1: "gpg (GnuPG 2)",
  fdfind: "fd",
  batcat: "bat",
  "vim.tiny": "vim (or busybox vi)",
  "nc.traditional": "nc (netcat-openbsd or busybox nc)",
  "nc.openbsd": "nc",
  cron: "crond (busybox's, or cronie's)",
  apache2ctl: "httpd (apache2; e.g. httpd -D FOREGROUND)",
  apache2: "httpd (apache2)",
};

const APACHE_HELPER =
  "Debian's apache2 helper; Alpine's apache2 has none: edit the LoadModule/Include lines in /etc/apache2/httpd.conf and /etc/apache2/conf.d instead";
const SYSV =
  "Debian's SysV init wrapper; Alpine uses OpenRC (rc-service), and in a container you start the daemon directly";

const PG_COMMON =
  "a postgresql-common (Debian) cluster wrapper; Alpine's postgresql has none: run initdb, pg_ctl and postgres with -D DATADIR as the postgres user";

/** Tools Alpine does not have at all, and what to do instead. */
const FOREIGN: Readonly<Record<string, string>> = {
  "clean-install": "an apt wrapper script: install with apk add --no-cache and Alpine's names",
  install_packages: "an apt wrapper script: install with apk add --no-cache and Alpine's names",
  systemctl: "systemd's tool; Alpine has no systemd (OpenRC, or run the service directly)",
  "update-alternatives":
    "Debian's alternatives system; Alpine has none: create the link yourself (ln -sf) or call the program by its own name",
  // groupmod, chsh and the other shadow tools busybox lacks get shadow added (shadow-tools.ts).
  userdel: "shadow's tool; busybox's is deluser (deluser --remove-home for userdel -r)",
  runuser:
    "util-linux's tool, which Alpine's base does not have: apk add runuser, or switch users with su-exec USER CMD (apk add su-exec)",
  groupdel: "shadow's tool; busybox's is delgroup",
  // apachectl is upstream's name, which Debian ships beside apache2ctl; Alpine's apache2 leaves it
  // to the apache2-ctl subpackage (aports main/apache2), so a plain apk add apache2 lacks it.
  apachectl:
    "not in Alpine's apache2 package but in its apache2-ctl subpackage: start httpd directly (httpd -D FOREGROUND), or apk add apache2-ctl",
  a2enmod: APACHE_HELPER,
  a2dismod: APACHE_HELPER,
  a2ensite: APACHE_HELPER,
  a2dissite: APACHE_HELPER,
  a2enconf: APACHE_HELPER,
  a2disconf: APACHE_HELPER,
  service: SYSV,
  "invoke-rc.d": SYSV,
  "update-rc.d": SYSV,
  "dpkg-divert": "dpkg's tool; apk has no diversions: move or replace the file directly",
  pg_ctlcluster: PG_COMMON,
  pg_createcluster: PG_COMMON,
  pg_dropcluster: PG_COMMON,
  pg_lsclusters: PG_COMMON,
  pg_conftool: PG_COMMON,
};

/** What to say about a program Debian names or has and Alpine does not, if anything. */
export function debianProgramNote(name: string, release: string): string | undefined {
  const foreign = FOREIGN[name];
  if (foreign) return `${name} is ${foreign}`;
  const renamed = RENAMED[name];
  if (renamed) return `${name} is Debian's name for this program; on Alpine call ${renamed}`;
  if (/^python3\.\d+$/.test(name)) {
    return `${name}: Alpine ${release} has one python3 (its own version); call python3, or use a python:<version>-alpine image`;
  }
  const fpm = /^php-fpm(\d\.\d+)$/.exec(name);
  if (fpm)
    return phpNote(name, fpm[1]!, release, "FPM", (v) => `php-fpm${v} (config under /etc/php${v})`);
  const php = /^php(\d\.\d+)$/.exec(name);
  if (php) return phpNote(name, php[1]!, release, "CLI", (v) => `php${v}`);
  return undefined;
}

/**
 * Alpine's name for a program of Debian's PHP `version` ("8.2"), for the PHP the release has:
 * the one package mapping installs for `php8.2` (`php85` on 3.24, which has no PHP 8.2), so the
 * note names what migrate's `apk add` puts on the PATH.
 */
function phpNote(
  name: string,
  version: string,
  release: string,
  part: string,
  program: (digits: string) => string,
): string {
  const alpine = releasePhp(version, release);
  const digits = version.replace(".", "");
  if (alpine === undefined) {
    return `${name} is Debian's name; Alpine's PHP ${version} ${part} is ${program(digits)}, if the release packages that version`;
  }
  if (alpine.version === version) {
    return `${name} is Debian's name; Alpine ${release}'s PHP ${version} ${part} is ${program(digits)}`;
  }
  return `${name} is Debian's name; Alpine ${release} has no PHP ${version}: the PHP installed instead is ${alpine.version}, whose ${part} is ${program(alpine.digits)}; check the application runs on PHP ${alpine.version}`;
}

const maps = new Map<string, PackageMap>();

/** The PHP package mapping installs for Debian's `php{version}` on the release, if it knows one. */
function releasePhp(
  version: string,
  release: string,
): { version: string; digits: string } | undefined {
  let map = maps.get(release);
  if (!map) {
    if (!isKnownRelease(release)) return undefined;
    map = createPackageMap({ release });
    maps.set(release, map);
  }
  const found = /^php(\d)(\d+)$/.exec(map.map(`php${version}`).alpine[0] ?? "");
  return found
    ? { version: `${found[1]}.${found[2]}`, digits: `${found[1]}${found[2]}` }
    : undefined;
}

/** Debian-only paths and glibc-only downloads in instruction text: see debian-layout.ts. */
export { debianPathNote } from "./debian-layout.js";
