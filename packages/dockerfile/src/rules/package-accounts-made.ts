import { ALPINE_GROUPS } from "./alpine-base.js";
import { packageAccount } from "./package-accounts.js";
import { DEBIAN_BASE_GROUPS } from "./users-debian-groups.js";

/** An account an Alpine package's `*.pre-install` script creates when the package is installed. */
export interface PackageMadeAccount {
  /** Alpine's package name. */
  pkg: string;
  group: string;
  /** The user it creates too (in that group), if any. */
  user?: string;
}

/**
 * Read in aports main/ (`<pkg>.pre-install`): docker `addgroup -S docker`; nginx, redis, haproxy
 * and varnish `addgroup -S NAME` then `adduser -S … -G NAME NAME`; mariadb makes mysql:mysql and
 * apache2 apache:apache, names that are not the package's own.
 */
export const PACKAGE_MADE_ACCOUNTS: readonly PackageMadeAccount[] = [
  { pkg: "docker", group: "docker" },
  { pkg: "docker-engine", group: "docker" },
  { pkg: "nginx", group: "nginx", user: "nginx" },
  { pkg: "redis", group: "redis", user: "redis" },
  { pkg: "haproxy", group: "haproxy", user: "haproxy" },
  { pkg: "varnish", group: "varnish", user: "varnish" },
  { pkg: "mariadb", group: "mysql", user: "mysql" },
  { pkg: "apache2", group: "apache", user: "apache" },
];

/**
 * The installed package (Alpine names) the table above says creates the user or group `name`.
 * Certain enough to tell a build that creating it again fails there.
 */
export function packageMakingAccount(
  name: string,
  kind: "user" | "group",
  packages: Iterable<string>,
): string | undefined {
  const installed = new Set(packages);
  return PACKAGE_MADE_ACCOUNTS.find(
    (a) => installed.has(a.pkg) && (kind === "user" ? a.user : a.group) === name,
  )?.pkg;
}

/** Debian's base groups Alpine's lacks; read on first use, the rules' modules import each other. */
let alpineLacks: ReadonlySet<string> | undefined;

function lackedByAlpine(group: string): boolean {
  alpineLacks ??= new Set([...DEBIAN_BASE_GROUPS.keys()].filter((g) => !ALPINE_GROUPS.has(g)));
  return alpineLacks.has(group);
}

/**
 * The installed package (Alpine names) that likely creates group `group`: one of the table, or
 * one whose name starts with the group's (a service package makes its own group in its
 * pre-install: postgresql's postgres, varnish's varnish). A guess, good for taking a group as
 * there (no "unknown group" report), not for telling a build to drop a step. Never for a group
 * Debian's base has and Alpine's lacks (Alpine's sudo package makes no sudo group) or one an
 * installed package names otherwise on Alpine (bind makes named, not bind). Migrate's users
 * rules and `alpinize check` both ask this.
 */
export function packageMayMakeGroup(group: string, packages: Iterable<string>): string | undefined {
  const names = [...packages];
  if (lackedByAlpine(group) || packageAccount(group, names)) return undefined;
  return packageMakingAccount(group, "group", names) ?? names.find((n) => n.startsWith(group));
}
