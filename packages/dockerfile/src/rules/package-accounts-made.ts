import { ALPINE_GROUPS } from "./alpine-base.js";
import { DEBIAN_BASE_GROUPS } from "./debian-base-groups.js";
import { packageAccount } from "./package-accounts.js";
import { PACKAGE_SCRIPTS, packageScript } from "./package-scripts.js";

/** An account an Alpine package's `*.pre-install` script creates when the package is installed. */
export interface PackageMadeAccount {
  /** Alpine's package name. */
  pkg: string;
  group: string;
  /** The user it creates too (in that group), if any. */
  user?: string;
}

/**
 * The accounts of the pre-install scripts (package-scripts.ts), one per group with the user of its
 * name in it, if the script makes one: nginx's group and user nginx, mariadb's mysql.
 */
export const PACKAGE_MADE_ACCOUNTS: readonly PackageMadeAccount[] = PACKAGE_SCRIPTS.flatMap((s) =>
  s.steps.flatMap((step) => {
    if (step.tool !== "addgroup") return [];
    const user = s.steps.some((u) => u.tool === "adduser" && u.user === step.group);
    return [
      user
        ? { pkg: s.pkg, group: step.group, user: step.group }
        : { pkg: s.pkg, group: step.group },
    ];
  }),
);

/**
 * The installed package (Alpine names) whose pre-install script creates the user or group `name`.
 * Certain enough to tell a build that creating it again fails there.
 */
export function packageMakingAccount(
  name: string,
  kind: "user" | "group",
  packages: Iterable<string>,
): string | undefined {
  for (const pkg of packages) {
    const steps = packageScript(pkg)?.steps ?? [];
    const makes = steps.some((s) =>
      kind === "user"
        ? s.tool === "adduser" && s.user === name
        : s.tool === "addgroup" && s.group === name,
    );
    if (makes) return pkg;
  }
  return undefined;
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
