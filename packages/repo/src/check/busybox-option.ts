import { busyboxRejections, hasGnuTool, type Rejection } from "@alpinize/busybox";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import type { LintText } from "./lint-text.js";

/** The tools checkStages has always judged in RUN lines, with or without the entrypoint lint. */
const ALWAYS = new Set(["find", "ps"]);

/**
 * Why a RUN command fails under busybox, one message per rejected option, from @alpinize/busybox's
 * measured tables (the ones the entrypoint lint reads). `has` tells whether a package is
 * installed when the command runs: a tool whose GNU package is there takes its GNU options.
 * `lint` is not called: its presence (the full check) asks for every tool; without it only find
 * and ps are judged, as for callers of checkStages that never passed one.
 */
export function busyboxOptionProblems(
  cmd: ShellCommand,
  has: (pkg: string) => boolean,
  lint?: LintText,
): { tool: string; message: string }[] {
  const tool = baseName(cmd.name);
  if ((!lint && !ALWAYS.has(tool)) || hasGnuTool(tool, has)) return [];
  const messages = busyboxRejections(tool, cmd.args.map(runTimeOrText)).map(messageOf);
  return [...new Set(messages)].map((message) => ({ tool, message }));
}

/** A word with an expansion is known only at run time, so it is not judged. */
export function runTimeOrText(word: string): string | undefined {
  return word.includes("$") || word.includes("`") ? undefined : word;
}

/**
 * The message and its fix, as the entrypoint lint writes them. Its advice is for scripts; in a
 * Dockerfile installing the GNU tool is the other fix, so it is named where the advice does not.
 */
export function messageOf(r: Rejection): string {
  const message = `${r.message}; ${r.advice}`;
  if (r.package === undefined || message.includes("apk add")) return message;
  return `${message}; or apk add --no-cache ${r.package} before it`;
}
