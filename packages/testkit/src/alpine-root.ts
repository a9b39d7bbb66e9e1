import { execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALPINE_GROUP, ALPINE_PASSWD, alpineShadow } from "./alpine-etc.js";

/** The cache scripts/ci/install-busybox.sh fills (ALPINIZE_TEST_CACHE moves it). */
export const TEST_CACHE = process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test";
/** The static busybox built against musl with Alpine's user and group options. */
export const MUSL_BUSYBOX = join(TEST_CACHE, "busybox-musl", "busybox");

/** Why an Alpine-like chroot root cannot be made here, or undefined when it can. */
export function alpineRootSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root for chroot (CI runs the tests as root)";
  if (!existsSync(MUSL_BUSYBOX))
    return `no musl busybox at ${MUSL_BUSYBOX}: run scripts/ci/install-busybox.sh`;
  return undefined;
}

export interface AlpineRootOptions {
  /** Directories made besides bin, sbin, usr/bin, usr/sbin, etc and tmp (e.g. "home", "proc"). */
  dirs?: readonly string[];
  /** Also an /etc/shadow like Alpine's (root `*`, every other account locked). */
  shadow?: boolean;
  /** /dev/null as a real character device (mknod), for scripts that redirect to it. */
  devNull?: boolean;
}

/**
 * A fresh root under the temp dir with musl busybox's applets and Alpine's /etc/passwd and
 * /etc/group: user and group tools run there under chroot, never against this machine's /etc.
 * Removing it is the caller's job.
 */
export function makeAlpineRoot(prefix: string, options: AlpineRootOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  fillAlpineRoot(dir, options);
  return dir;
}

/** Fills an empty directory as makeAlpineRoot does (for callers that made their own). */
export function fillAlpineRoot(dir: string, options: AlpineRootOptions = {}): void {
  // The chroot's "/" must be searchable, and /tmp writable, for scenarios run as a non-root user.
  chmodSync(dir, 0o755);
  for (const d of ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "tmp", ...(options.dirs ?? [])])
    mkdirSync(join(dir, d), { recursive: true });
  chmodSync(join(dir, "tmp"), 0o1777);
  copyFileSync(MUSL_BUSYBOX, join(dir, "bin/busybox"));
  chmodSync(join(dir, "bin/busybox"), 0o755);
  const applets = execFileSync(MUSL_BUSYBOX, ["--list-full"], { encoding: "utf8" });
  for (const applet of applets.split("\n").filter((a) => a && a !== "bin/busybox")) {
    const up = "../".repeat(applet.split("/").length - 1);
    if (!existsSync(join(dir, applet))) symlinkSync(`${up}bin/busybox`, join(dir, applet));
  }
  if (options.devNull) {
    mkdirSync(join(dir, "dev"), { recursive: true });
    execFileSync("mknod", ["-m", "666", join(dir, "dev/null"), "c", "1", "3"]);
  }
  writeFileSync(join(dir, "etc/passwd"), ALPINE_PASSWD);
  writeFileSync(join(dir, "etc/group"), ALPINE_GROUP);
  if (options.shadow) writeFileSync(join(dir, "etc/shadow"), alpineShadow(), { mode: 0o640 });
}
