/**
 * The Alpine packages that put the GNU (or util-linux, procps) version of a tool in front of
 * busybox's applet, so the options busybox rejects work again. Any one of a tool's packages is
 * enough (`procps` is what procps-ng provides). Debian's adduser and addgroup have no Alpine
 * package: their options need busybox's spelling whatever is installed.
 */
const GNU_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  grep: ["grep"],
  egrep: ["grep"],
  fgrep: ["grep"],
  sed: ["sed"],
  find: ["findutils"],
  xargs: ["findutils"],
  ps: ["procps-ng", "procps"],
  su: ["util-linux-login"],
  tar: ["tar"],
  adduser: [],
  addgroup: [],
};

/** Every other tool busybox stands in for on Alpine is coreutils' (stat, date, readlink, timeout…). */
export function gnuPackagesOf(tool: string): readonly string[] {
  return GNU_PACKAGES[tool] ?? ["coreutils"];
}

/** Whether one of the tool's GNU packages is installed (`has` asks about one package). */
export function hasGnuTool(tool: string, has: (pkg: string) => boolean): boolean {
  return gnuPackagesOf(tool).some(has);
}

/**
 * The tool a `gnu-option` finding is about: the entrypoint lint and alpinize's own tables write
 * every such message as "busybox TOOL …".
 */
export function gnuOptionTool(message: string): string | undefined {
  return /^busybox (\S+) /.exec(message)?.[1];
}
