import { busyboxRejections, missingApplet } from "@alpinize/busybox";
import type { SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { type BusyboxRewrite, busyboxRespelling } from "./gnu-rewrite.js";

/**
 * Debian ships GNU coreutils, findutils, grep, sed, tar and diffutils (all Essential or
 * required); Alpine has busybox applets in their place. A call the applet rejects, or a command
 * it has no applet for (also perl, tput, lsblk…, which Debian's Essential packages bring), needs
 * the package on Alpine.
 */
export interface GnuNeed {
  /** The Alpine package that provides the GNU tool. */
  pkg: string;
  /** Why, for the warning and the package record. */
  why: string;
  /** The command, when busybox has no applet for it at all (perl, join, tput). */
  applet?: string;
}

/**
 * What one command needs beyond busybox, if anything: the GNU package, and when every rejected
 * option has a busybox spelling, the words that make it a busybox call instead. `handled`: words
 * another rule turns into a busybox call itself (wget's display-only options, which the wget rule
 * drops), left out whether or not that rule has run yet.
 */
export function gnuNeedOf(
  cmd: SimpleCommand,
  handled: ReadonlySet<Word> = new Set(),
): (GnuNeed & { rewrite?: BusyboxRewrite[] }) | undefined {
  const name = cmd.name?.replace(/^.*\//, "");
  if (!name) return undefined;
  const missing = missingApplet(name);
  if (missing) return { pkg: missing, why: `${name} is not a busybox applet`, applet: name };
  const words = cmd.args.slice(1).map((w) => w.value);
  // A tool Alpine has no GNU package for (adduser) needs busybox's spelling: not this rule's.
  const bad = busyboxRejections(name, words).filter(
    (r) => r.package !== undefined && !handled.has(cmd.args[r.index + 1]!),
  );
  const pkg = bad[0]?.package;
  if (pkg === undefined) return undefined;
  // A value busybox reads otherwise (a date, a template) says more than the options beside it.
  const value = bad.find((r) => r.kind === "value");
  if (value) return { pkg, why: value.message };
  return {
    pkg,
    why: `busybox ${name} rejects ${bad.map((b) => b.option).join(" ")}`,
    rewrite: busyboxRespelling(cmd, bad),
  };
}

/** Applets busybox has without any option: an option is read as a file name. */
export { OPTIONLESS } from "@alpinize/busybox";
