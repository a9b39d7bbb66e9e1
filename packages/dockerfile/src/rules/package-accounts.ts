/**
 * A service account (a user and its group of the same name) that a package creates under one
 * name on Debian and another on Alpine.
 */
export interface PackageAccount {
  /** Debian's package and the account its maintainer scripts create (or its base has). */
  debianPackage: string;
  debian: string;
  /** Alpine's package and the account its `*.pre-install` script creates. */
  alpinePackage: string;
  alpine: string;
  /**
   * The service's working directory where the two packages' default configs differ, and the
   * setting that names it.
   */
  workDir?: { debian: string; alpine: string; setting: string };
}

/**
 * Only pairs read in both distributions' scripts (Debian 12 packages, aports main/):
 * - bind9's postinst: `addgroup --system bind`, `adduser --system --ingroup bind bind`;
 *   bind.pre-install: `addgroup -S named`, `adduser … -G named named`.
 * - memcached's postinst: GROUP and USER `memcache`; memcached.pre-install: `memcached` for both.
 * - chrony's postinst: `adduser --system --group _chrony`; chrony.pre-install: `chrony` for both.
 * - squid's postinst chowns to its cache_effective_user, by default `proxy` (Debian's base-passwd
 *   has proxy:proxy, UID/GID 13); squid.pre-install: `addgroup -S -g 31 squid`, user squid.
 */
const PACKAGE_ACCOUNTS: readonly PackageAccount[] = [
  {
    debianPackage: "bind9",
    debian: "bind",
    alpinePackage: "bind",
    alpine: "named",
    // Debian's /etc/bind/named.conf.options: `directory "/var/cache/bind"`. aports main/bind:
    // named.conf.authoritative and named.conf.recursive say `directory "/var/bind"`, and the
    // APKBUILD makes /var/bind (pri, sec, dyn) group named; nothing makes /var/cache/bind.
    workDir: { debian: "/var/cache/bind", alpine: "/var/bind", setting: "named.conf `directory`" },
  },
  {
    debianPackage: "memcached",
    debian: "memcache",
    alpinePackage: "memcached",
    alpine: "memcached",
  },
  { debianPackage: "chrony", debian: "_chrony", alpinePackage: "chrony", alpine: "chrony" },
  { debianPackage: "squid", debian: "proxy", alpinePackage: "squid", alpine: "squid" },
];

/**
 * The account Debian names `name` (user or group) when one of `packages` (Alpine's or Debian's
 * names) is installed and creates it under Alpine's name there instead; undefined otherwise.
 * For alpinize check's unknown user/group reports as much as for migrate.
 */
export function packageAccount(
  name: string,
  packages: Iterable<string>,
): PackageAccount | undefined {
  const candidates = PACKAGE_ACCOUNTS.filter((a) => a.debian === name);
  if (candidates.length === 0) return undefined;
  const installed = new Set(packages);
  return candidates.find((a) => installed.has(a.alpinePackage) || installed.has(a.debianPackage));
}

/** Whether one of `packages` (Alpine names) creates account `name` (bind creates named). */
export function packageCreatesAccount(name: string, packages: Iterable<string>): boolean {
  const installed = new Set(packages);
  return PACKAGE_ACCOUNTS.some((a) => a.alpine === name && installed.has(a.alpinePackage));
}

/** Every Debian account name of the table, for rules that scan a stage's text once. */
export function packageAccountNames(): readonly PackageAccount[] {
  return PACKAGE_ACCOUNTS;
}

/** What to tell about account `a`, for migrate's and check's messages. */
export function packageAccountNote(a: PackageAccount): string {
  // The directory goes before Alpine's account: check's message ends `…(no bind): write named`.
  const dir = a.workDir
    ? `, working in ${a.workDir.debian} (Alpine's ${a.alpinePackage} works in ${a.workDir.alpine}, its ${a.workDir.setting})`
    : "";
  return `${a.debian} is the account Debian's ${a.debianPackage} package uses${dir}; Alpine's ${a.alpinePackage} package creates ${a.alpine}:${a.alpine} instead (no ${a.debian})`;
}
