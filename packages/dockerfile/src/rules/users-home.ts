import { withoutTrailingSlashes } from "./trailing-slashes.js";
import { q } from "./users-options.js";

/** Directories every Alpine base image has (alpine-baselayout's, and what busybox and musl add). */
const BASE_DIRS = new Set([
  "/",
  "/bin",
  "/etc",
  "/home",
  "/lib",
  "/media",
  "/mnt",
  "/opt",
  "/root",
  "/run",
  "/sbin",
  "/srv",
  "/tmp",
  "/usr",
  "/usr/bin",
  "/usr/lib",
  "/usr/local",
  "/usr/local/bin",
  "/usr/local/lib",
  "/usr/local/share",
  "/usr/sbin",
  "/usr/share",
  "/var",
  "/var/cache",
  "/var/empty",
  "/var/lib",
  "/var/local",
  "/var/log",
  "/var/opt",
  "/var/run",
  "/var/spool",
  "/var/tmp",
]);

/**
 * `mkdir -p PARENT && ` for a home busybox adduser is to make under a directory Alpine's base
 * lacks (`/usr/src/app/home`), or "". useradd -m and Debian's adduser make missing parents;
 * busybox makes the last directory only, and without its parent prints an error, exits 0 and
 * leaves the user with no home. A home from a variable is not known here.
 */
export function homeParentStep(home: string | undefined): string {
  if (home === undefined || !home.startsWith("/") || /[$`]/.test(home)) return "";
  const path = withoutTrailingSlashes(home);
  const parent = path.slice(0, path.lastIndexOf("/")) || "/";
  return BASE_DIRS.has(parent) ? "" : `mkdir -p ${q(parent)} && `;
}
