import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bounded, finished } from "@alpinize/testkit";

// The musl busybox scripts/ci/install-busybox.sh builds with Alpine's config, and Alpine's own
// /etc/passwd and /etc/group from the shared corpus: commands run in a scratch root under chroot,
// never against this machine's /etc.
const CACHE = process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test";
const BUSYBOX = join(CACHE, "busybox-musl", "busybox");
const here = dirname(fileURLToPath(import.meta.url));
const ALPINE_FILES = resolve(here, "../../../../shared/corpus/alpine-rootfs");

/** Why the chroot tests cannot run here, or undefined when they can. */
export function alpineRootSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root for chroot";
  if (!existsSync(BUSYBOX))
    return `no musl busybox at ${BUSYBOX}: run scripts/ci/install-busybox.sh`;
  for (const f of ["passwd", "group"])
    if (!existsSync(join(ALPINE_FILES, f))) return `no Alpine /etc files at ${ALPINE_FILES}`;
  return undefined;
}

/** A fresh root with busybox's applets and Alpine's /etc/passwd and /etc/group. */
export function makeAlpineRoot(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const d of ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "home", "tmp"])
    mkdirSync(join(dir, d), { recursive: true });
  execFileSync("cp", [BUSYBOX, join(dir, "bin/busybox")]);
  const applets = execFileSync(BUSYBOX, ["--list-full"], { encoding: "utf8" });
  for (const applet of applets.split("\n").filter((a) => a && a !== "bin/busybox")) {
    const up = "../".repeat(applet.split("/").length - 1);
    if (!existsSync(join(dir, applet))) symlinkSync(`${up}bin/busybox`, join(dir, applet));
  }
  for (const f of ["passwd", "group"])
    writeFileSync(join(dir, "etc", f), readFileSync(join(ALPINE_FILES, f), "utf8"));
  return dir;
}

/** Runs a shell body in the root under busybox's `sh -e`, as a RUN line runs. */
export function runInRoot(root: string, body: string): { status: number | null; stderr: string } {
  const r = spawnSync("chroot", [root, "/bin/sh", "-ec", body], { encoding: "utf8", ...bounded() });
  return { status: r.status, stderr: finished(r, `sh -ec '${body}' in the root`).stderr };
}
