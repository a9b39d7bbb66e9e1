/**
 * Debian ships GNU coreutils, findutils, grep, sed, tar, diffutils, gzip, procps and util-linux
 * (Essential or required); Alpine has busybox applets in their place. These are the Alpine
 * packages that put the full tool back in front of the applet.
 */
const GNU_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  tar: ["tar"],
  grep: ["grep"],
  egrep: ["grep"],
  fgrep: ["grep"],
  sed: ["sed"],
  find: ["findutils"],
  xargs: ["findutils"],
  gzip: ["gzip"],
  gunzip: ["gzip"],
  cmp: ["diffutils"],
  wget: ["wget"],
  su: ["util-linux-login"],
  // procps-ng provides `procps`, the name older Dockerfiles install.
  ps: ["procps-ng", "procps"],
  // Debian's adduser and addgroup are Perl scripts with no Alpine package: only busybox's
  // spelling works, whatever is installed.
  adduser: [],
  addgroup: [],
};

/**
 * The Alpine packages any one of which gives the GNU (or util-linux, procps) version of a tool
 * busybox stands in for; every tool not named above is coreutils' (stat, date, readlink…).
 */
export function gnuPackagesOf(tool: string): readonly string[] {
  return (Object.hasOwn(GNU_PACKAGES, tool) ? GNU_PACKAGES[tool] : undefined) ?? ["coreutils"];
}

/** The package to install for the GNU version of a tool, or undefined when Alpine has none. */
export function gnuPackageOf(tool: string): string | undefined {
  return gnuPackagesOf(tool)[0];
}

/** Whether one of the tool's GNU packages is installed (`has` asks about one package). */
export function hasGnuTool(tool: string, has: (pkg: string) => boolean): boolean {
  return gnuPackagesOf(tool).some(has);
}

/** Commands Alpine's busybox has no applet for, and the package that has them. */
export const NO_APPLET: Readonly<Record<string, string>> = {
  csplit: "coreutils",
  numfmt: "coreutils",
  pr: "coreutils",
  ptx: "coreutils",
  fmt: "coreutils",
  tsort: "coreutils",
  stdbuf: "coreutils",
  base32: "coreutils",
  b2sum: "coreutils",
  sha224sum: "coreutils",
  sha384sum: "coreutils",
  join: "coreutils",
  dircolors: "coreutils",
  pathchk: "coreutils",
  locate: "findutils",
  updatedb: "findutils",
  sdiff: "diffutils",
  zgrep: "gzip",
  diff3: "diffutils",
  // glibc's libc-bin (Essential on Debian) ships locale; on Alpine it comes with musl-locales.
  locale: "musl-locales",
};

/** The package that has a command busybox lacks altogether, or undefined when busybox has it. */
export function missingApplet(tool: string): string | undefined {
  return Object.hasOwn(NO_APPLET, tool) ? NO_APPLET[tool] : undefined;
}
