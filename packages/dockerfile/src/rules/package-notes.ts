import type { MigrationContext } from "../migrate/context.js";

/**
 * Alpine packages that install the same program but set it up differently from Debian's, where
 * the difference breaks the first start: said once per file, at the install.
 */
const NOTES: Readonly<Record<string, string>> = {
  mariadb:
    "Alpine's mariadb package creates no database and no root account at install, as Debian's postinst did (debconf answers are gone too): run mysql_install_db --user=mysql --datadir=/var/lib/mysql before the first start (or use the mariadb image), and its /etc/my.cnf.d/mariadb-server.cnf sets skip-networking: remove that line for TCP clients",
};

export function notePackageSetup(
  ctx: MigrationContext,
  alpine: readonly string[],
  offset: number,
  rule: "apt" | "xx-apt",
): void {
  for (const name of alpine) {
    const note = NOTES[name];
    if (note) ctx.warnOnce(`setup:${name}`, rule, offset, note);
  }
}
