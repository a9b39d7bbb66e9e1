import { baseName, type ShellCommand } from "../dockerfile/commands.js";

/** Debian's service tools no Alpine package installs: systemd's, and the SysV init helpers. */
const ALWAYS_MISSING: ReadonlyMap<string, string> = new Map([
  ["systemctl", "systemd's tool, and Alpine has no systemd"],
  ["update-rc.d", "Debian's SysV init helper, which Alpine does not have"],
  ["invoke-rc.d", "Debian's SysV init helper, which Alpine does not have"],
]);
/** OpenRC's tools: there only when openrc is installed (Alpine's base image has no init system). */
const OPENRC_TOOLS = new Set(["service", "rc-service", "rc-update", "openrc"]);

const FIX =
  "drop the step, and start the program in the foreground from CMD or ENTRYPOINT (or under a supervisor such as supervisord or s6-overlay when the image runs several); OpenRC's rc-update and rc-service exist only with openrc installed (apk add openrc), and no container boots it";

/**
 * A RUN command that manages services the Debian way (`systemctl enable nginx`, `service x start`,
 * `update-rc.d x defaults`): not found on Alpine, so the build fails there; and a container runs
 * no service manager anyway. `openrc()`: the stage has openrc (or an `-openrc` subpackage, which
 * depends on it) installed at that point, so OpenRC's own tools are there; asked only for those.
 */
export function initSystemProblem(
  cmd: ShellCommand,
  stage: string,
  openrc: () => boolean,
): string | undefined {
  const name = baseName(cmd.name);
  const what = ALWAYS_MISSING.get(name);
  const call = `${[name, ...cmd.args.slice(0, 2)].join(" ")} in Alpine stage ${stage}`;
  if (what) return `${call}: ${name} is ${what}, so the build fails here; ${FIX}`;
  if (OPENRC_TOOLS.has(name) && !openrc())
    return `${call}: ${name} comes with OpenRC, which the stage has not installed, so the build fails here; ${FIX}`;
  return undefined;
}

/** openrc, or a package's `-openrc` init scripts (which pull openrc in), is installed. */
export function hasOpenrc(installed: ReadonlyMap<string, unknown>): boolean {
  for (const name of installed.keys())
    if (name === "openrc" || name.endsWith("-openrc")) return true;
  return false;
}
