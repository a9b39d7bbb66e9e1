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
import { expect } from "vitest";
import { parseDockerfile, splitFlags } from "../../src/parse/dockerfile.js";

// The musl busybox scripts/ci/install-busybox.sh builds with Alpine's user options, and Alpine's
// own /etc/passwd and /etc/group: converted steps run there, in a scratch root, never against this
// machine's /etc.
const CACHE = process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test";
const BUSYBOX = join(CACHE, "busybox-musl", "busybox");
const here = dirname(fileURLToPath(import.meta.url));
const ALPINE_FILES = resolve(here, "../../../../../shared/corpus/alpine-rootfs");
/** Alpine's /etc/group and /etc/passwd (the shared corpus's), to put back into a root. */
export const ALPINE_ETC = ALPINE_FILES;

/** Why the chroot tests cannot run here, or undefined when they can. */
export function busyboxSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root for chroot";
  if (!existsSync(BUSYBOX))
    return `no musl busybox at ${BUSYBOX}: run scripts/ci/install-busybox.sh`;
  for (const f of ["passwd", "group"])
    if (!existsSync(join(ALPINE_FILES, f))) return `no Alpine /etc files at ${ALPINE_FILES}`;
  return undefined;
}

/**
 * A root with busybox's applets and Alpine's /etc/passwd and /etc/group; with `shadow`, also an
 * /etc/shadow like Alpine's (root `*`, every other account locked).
 */
export function makeAlpineRoot(prefix: string, options: { shadow?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const d of ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "home", "tmp", "srv"]) {
    mkdirSync(join(dir, d), { recursive: true });
  }
  execFileSync("cp", [BUSYBOX, join(dir, "bin/busybox")]);
  const applets = execFileSync(BUSYBOX, ["--list-full"], { encoding: "utf8" });
  for (const applet of applets.split("\n").filter((a) => a && a !== "bin/busybox")) {
    const up = "../".repeat(applet.split("/").length - 1);
    if (!existsSync(join(dir, applet))) symlinkSync(`${up}bin/busybox`, join(dir, applet));
  }
  const passwd = readFileSync(join(ALPINE_FILES, "passwd"), "utf8");
  writeFileSync(join(dir, "etc/passwd"), passwd);
  writeFileSync(join(dir, "etc/group"), readFileSync(join(ALPINE_FILES, "group"), "utf8"));
  if (options.shadow) {
    const shadow = passwd
      .split("\n")
      .filter((l) => l.includes(":"))
      .map((l) => `${l.split(":")[0]}:${l.startsWith("root:") ? "*" : "!"}::0:::::\n`)
      .join("");
    writeFileSync(join(dir, "etc/shadow"), shadow, { mode: 0o640 });
  }
  return dir;
}

/** The shell bodies of a Dockerfile's RUN lines (flags such as --mount cut off). */
export function runBodies(text: string): string[] {
  return parseDockerfile(text)
    .instructions.filter((i) => i.keyword === "RUN")
    .map((i) => i.args.text.slice(splitFlags(i.args.text).rest));
}

/** Runs each shell body in the root under busybox's sh -e; each must exit 0 with nothing on stderr. */
export function expectBodiesPass(root: string, bodies: readonly string[]): void {
  for (const body of bodies) {
    // Killed after 60 s: a body that waits (on input, a lock) must fail, not hold the run.
    const r = spawnSync("chroot", [root, "/bin/sh", "-ec", body], {
      encoding: "utf8",
      timeout: 60_000,
      killSignal: "SIGKILL",
    });
    expect({ body, status: r.status, stderr: r.stderr, signal: r.signal }).toEqual({
      body,
      status: 0,
      stderr: "",
      signal: null,
    });
  }
}
