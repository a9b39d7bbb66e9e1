import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { busyboxRejections } from "./busybox-calls.js";
import { gnuOptionTool, gnuPackagesOf, hasGnuTool } from "./gnu-packages.js";
import { commandLine, type LintText } from "./script-calls.js";

/**
 * Why a RUN command fails under busybox, one message per rejected option: find and ps from
 * alpinize's own table, the other tools (stat, date, grep, sed, readlink…) through the entrypoint
 * lint, whose measured option tables are reachable only by linting the command as a one-line
 * script. `has` tells whether a package is installed when the command runs: a tool whose GNU
 * package is there takes its GNU options.
 */
export function busyboxOptionProblems(
  cmd: ShellCommand,
  has: (pkg: string) => boolean,
  lint: LintText | undefined,
): { tool: string; message: string }[] {
  const tool = baseName(cmd.name);
  const messages = busyboxRejections(tool, cmd.args).map((r) => r.message);
  if (lint) {
    for (const w of lint(commandLine([cmd.name, ...cmd.args])))
      if (w.rule === "gnu-option") messages.push(w.message);
  }
  // `env A=1 stat --format`: the message names stat, the tool whose package would help.
  return [...new Set(messages)]
    .map((m) => ({ tool: gnuOptionTool(m) ?? tool, message: m }))
    .filter((p) => !hasGnuTool(p.tool, has))
    .map((p) => ({ tool: p.tool, message: withPackage(p.message, p.tool) }));
}

/** The lint's advice is for scripts; in a Dockerfile installing the GNU tool is the other fix. */
function withPackage(message: string, tool: string): string {
  const pkg = gnuPackagesOf(tool)[0];
  if (pkg === undefined || message.includes("apk add")) return message;
  return `${message}; or apk add --no-cache ${pkg} before it`;
}
