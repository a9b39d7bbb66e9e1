import { readFileSync } from "node:fs";
import { corpusPath, corpusSkipReason } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { ALPINE_BASE_PROGRAMS, ALPINE_BUSYBOX_APPLETS } from "../src/index.js";

const CONFIG = corpusPath("alpine-rootfs", "busyboxconfig-1.37.0");
const skipped = corpusSkipReason(CONFIG);

// Options of the config that turn on no applet of their own, and applets named otherwise.
const NOT_APPLETS =
  /^(?:have_dot_config|desktop|long_opts|show_usage|lfs|time64|pie|install_applet_dont|no_debug_lib|float_duration|monotonic_syscall|locale_support|unicode_.*|try_loop_configure|expr_math_support_64|login_session_as_child|login_scripts|nologin_dependencies|verbose_resolution_errors|nc_server|nc_extra|nc_110_compat|volumeid|bash_is_none|shell_ash|ash_.+)$/;
const RENAMED: Record<string, string> = {
  sh_is_ash: "sh",
  test1: "[",
  test2: "[[",
  bb_arch: "arch",
  bb_sysctl: "sysctl",
  mkfs_vfat: "mkfs.vfat",
  ether_wake: "ether-wake",
  nbdclient: "nbd-client",
  add_shell: "add-shell",
  remove_shell: "remove-shell",
  run_parts: "run-parts",
};

describe.skipIf(skipped !== undefined)(
  `ALPINE_BUSYBOX_APPLETS${skipped ? ` (skipped: ${skipped})` : ""}`,
  () => {
    it("is the set of applets Alpine's busybox 1.37 configuration turns on", () => {
      const enabled = [...readFileSync(CONFIG, "utf8").matchAll(/^CONFIG_([A-Z0-9_]+)=y$/gm)]
        .map((m) => m[1]!.toLowerCase())
        .filter((name) => !name.startsWith("feature_") && !NOT_APPLETS.test(name))
        .map((name) => RENAMED[name] ?? name);
      expect([...ALPINE_BUSYBOX_APPLETS].sort()).toEqual([...new Set(enabled)].sort());
    });
  },
);

describe("ALPINE_BASE_PROGRAMS", () => {
  it("has busybox's programs and the base packages', not shadow's, dpkg's or perl", () => {
    for (const p of ["grep", "sed", "adduser", "apk", "getent", "cd"])
      expect(ALPINE_BASE_PROGRAMS.has(p), p).toBe(true);
    for (const p of ["useradd", "dpkg", "perl", "bash", "curl"])
      expect(ALPINE_BASE_PROGRAMS.has(p), p).toBe(false);
  });
});
