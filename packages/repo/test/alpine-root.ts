import { spawnSync } from "node:child_process";
import {
  alpineRootSkipReason,
  bounded,
  finished,
  makeAlpineRoot as makeRoot,
} from "@alpinize/testkit";

// Commands run in a scratch root with the musl busybox and Alpine's own /etc/passwd and
// /etc/group (testkit's), under chroot, never against this machine's /etc.

/** Why the chroot tests cannot run here, or undefined when they can. */
export { alpineRootSkipReason };

/** A fresh root with busybox's applets and Alpine's /etc/passwd and /etc/group. */
export function makeAlpineRoot(prefix: string): string {
  return makeRoot(prefix, { dirs: ["home"] });
}

/** Runs a shell body in the root under busybox's `sh -e`, as a RUN line runs. */
export function runInRoot(root: string, body: string): { status: number | null; stderr: string } {
  const r = spawnSync("chroot", [root, "/bin/sh", "-ec", body], { encoding: "utf8", ...bounded() });
  return { status: r.status, stderr: finished(r, `sh -ec '${body}' in the root`).stderr };
}
