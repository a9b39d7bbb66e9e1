import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { alpineRootSkipReason, makeAlpineRoot as makeRoot } from "@alpinize/testkit";
import { afterEach, expect } from "vitest";
import { parseDockerfile, splitFlags } from "../../src/parse/dockerfile.js";

// Converted steps run in a scratch root with the musl busybox and Alpine's own /etc/passwd and
// /etc/group (testkit's), under chroot, never against this machine's /etc.

/** Why the chroot tests cannot run here, or undefined when they can. */
export const busyboxSkipReason = alpineRootSkipReason;

/**
 * A root with busybox's applets and Alpine's /etc/passwd and /etc/group; with `shadow`, also an
 * /etc/shadow like Alpine's (root `*`, every other account locked).
 */
export function makeAlpineRoot(prefix: string, options: { shadow?: boolean } = {}): string {
  return makeRoot(prefix, { dirs: ["home", "srv"], shadow: options.shadow === true });
}

/** What `alpineRoots` returns: each call makes a root; `keep` has a root made otherwise removed too. */
export interface AlpineRoots {
  (): string;
  keep(dir: string): string;
}

/**
 * Call inside a describe: each call of the result makes an Alpine root (as `makeAlpineRoot`
 * with this prefix and options), and every root a test made or kept is removed after that test.
 */
export function alpineRoots(prefix: string, options: { shadow?: boolean } = {}): AlpineRoots {
  const roots: string[] = [];
  afterEach(() => {
    for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const keep = (dir: string): string => {
    roots.push(dir);
    return dir;
  };
  return Object.assign(() => keep(makeAlpineRoot(prefix, options)), { keep });
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
