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

/**
 * Commands busybox has no applet for, and the Alpine package that has them. Every Debian image has
 * them from an Essential package (coreutils, diffutils, gzip, perl-base, ncurses-bin, util-linux,
 * bsdutils, libc-bin), so a Debian Dockerfile calls them without installing anything. Debian's
 * `rename` is left out: it is a Perl script of the rename package, not util-linux's `rename`.
 */
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
  // Alpine's findutils leaves these to a subpackage of their own (aports main/findutils).
  locate: "findutils-locate",
  updatedb: "findutils-locate",
  sdiff: "diffutils",
  zgrep: "gzip",
  diff3: "diffutils",
  // glibc's libc-bin (Essential on Debian) ships locale; on Alpine it comes with musl-locales.
  locale: "musl-locales",
  perl: "perl",
  tput: "ncurses",
  tic: "ncurses",
  infocmp: "ncurses",
  tabs: "ncurses",
  toe: "ncurses",
  tset: "ncurses",
  // Alpine splits util-linux: lsblk and findmnt have packages of their own, the rest is -misc.
  taskset: "util-linux-misc",
  chrt: "util-linux-misc",
  script: "util-linux-misc",
  wall: "util-linux-misc",
  whereis: "util-linux-misc",
  lsblk: "lsblk",
  findmnt: "findmnt",
};

/** The Debian package of a NO_APPLET command, where it is not named like the Alpine one. */
const DEBIAN_PACKAGE: Readonly<Record<string, string>> = {
  // Debian's findutils has no locate: the locate (or plocate) package brings it.
  locate: "locate",
  updatedb: "locate",
  locale: "libc-bin",
  perl: "perl-base",
  tput: "ncurses-bin",
  tic: "ncurses-bin",
  infocmp: "ncurses-bin",
  tabs: "ncurses-bin",
  toe: "ncurses-bin",
  tset: "ncurses-bin",
  taskset: "util-linux",
  chrt: "util-linux",
  whereis: "util-linux",
  lsblk: "util-linux",
  findmnt: "util-linux",
  script: "bsdutils",
  wall: "bsdutils",
};

/** Debian packages in DEBIAN_PACKAGE that a Debian image has only once apt installs them. */
const NOT_ESSENTIAL = new Set(["locate"]);

/** The package that has a command busybox lacks altogether, or undefined when busybox has it. */
export function missingApplet(tool: string): string | undefined {
  return Object.hasOwn(NO_APPLET, tool) ? NO_APPLET[tool] : undefined;
}

/**
 * Where Debian has a command busybox lacks: its package, and whether that package is Essential
 * (every Debian image has it). Undefined when busybox has the command.
 */
export function missingAppletSource(
  tool: string,
): { debian: string; essential: boolean } | undefined {
  const pkg = missingApplet(tool);
  if (pkg === undefined) return undefined;
  const debian = (Object.hasOwn(DEBIAN_PACKAGE, tool) ? DEBIAN_PACKAGE[tool] : undefined) ?? pkg;
  return { debian, essential: !NOT_ESSENTIAL.has(debian) };
}

/**
 * Whether installing the Alpine package `pkg` puts a command busybox lacks in place: its own
 * package; `util-linux`, which pulls every part of itself in (its subpackages are install_if
 * util-linux); and for perl any perl module, as each depends on perl (not their -doc parts).
 */
export function providesMissingApplet(tool: string, pkg: string): boolean {
  const own = missingApplet(tool);
  if (own === undefined) return false;
  if (pkg === own) return true;
  if (own === "util-linux-misc" || own === "lsblk" || own === "findmnt")
    return pkg === "util-linux";
  return own === "perl" && /^perl-.+/.test(pkg) && !pkg.endsWith("-doc");
}
