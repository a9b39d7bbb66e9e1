import type { StageState } from "./scope.js";

/**
 * Where Alpine's packages put tini: aports community/tini installs /sbin/tini, its tini-static
 * subpackage /sbin/tini-static alone, and neither depends on the other. (@alpinize/repo's check
 * reads the same table in check/debian-tini.ts.)
 */
const ALPINE_TINI: readonly (readonly [pkg: string, path: string])[] = [
  ["tini", "/sbin/tini"],
  ["tini-static", "/sbin/tini-static"],
];

/** A Debian path to tini: Debian's tini package ships both /usr/bin/tini and /usr/bin/tini-static. */
export const DEBIAN_TINI = /\/usr\/bin\/(tini(?:-static)?)\b/g;

/**
 * The Alpine path for Debian's `/usr/bin/<name>` in a stage, or undefined when apt installed no
 * tini there. The same build when apk installs it, else the other one the stage has: Debian's
 * tini brings tini-static along, but Alpine's tini needs only musl, which every Alpine image has,
 * so `/usr/bin/tini-static` with apk's tini becomes /sbin/tini rather than a second package.
 */
export function alpineTiniPath(state: StageState, name: string): string | undefined {
  const { debianInstalled, alpineInstalled } = state;
  if (!debianInstalled.has("tini") && !debianInstalled.has("tini-static")) return undefined;
  const has = ALPINE_TINI.filter(([pkg]) => alpineInstalled.has(pkg));
  const same = has.find(([pkg]) => pkg === name);
  // Neither apk package (a project override mapped tini away): the move tini's package implies.
  return (same ?? has[0])?.[1] ?? "/sbin/tini";
}
