import type { MigrationContext } from "../migrate/context.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import type { StartedCall } from "./started-commands.js";

/**
 * Options Debian's cron shares with both of Alpine's crond (busybox's, in every base, and
 * cronie's, which `apt-get install cron` maps to): -f keeps it in the foreground in all three.
 * The others differ: Debian's -L LEVEL is a log level, busybox's -L FILE a log file and cronie
 * has no -L; Debian's -l (LSB names in /etc/cron.d) is busybox's -l LEVEL; Debian's -n (FQDN in
 * mail) is cronie's foreground switch.
 */
const SAME_MEANING = new Set(["-f"]);

/**
 * `cron -f` started by ENTRYPOINT/CMD becomes `crond -f`: Alpine has no program named cron.
 * Returns false (nothing done) for any other call, and for a cron call with options that mean
 * something else to crond, which is warned at with the replacement to write instead.
 */
export function rewriteCronStart(
  ctx: MigrationContext,
  ins: Instruction,
  call: StartedCall,
): boolean {
  if (call.name !== "cron") return false;
  const at = sourceSpan(ins.args, call.at, call.at)[0];
  const other = call.args.filter((a) => a === undefined || !SAME_MEANING.has(a));
  const end = call.nameEnd;
  const literal = end !== undefined && ins.args.text.slice(end - 4, end) === "cron";
  if (other.length === 0 && literal) {
    const [s] = sourceSpan(ins.args, end, end);
    ctx.edit("apt", s, s, "d");
    return true;
  }
  const shown = other.map((a) => a ?? "(a word set at run time)").join(" ");
  const why =
    other.length > 0
      ? `its options ${shown} mean other things to crond (Debian's -L is a log level, busybox crond's -L a log file; Debian's -l and -n are busybox's log level and cronie's foreground switch)`
      : "the name is not written plainly here (an escape or a quote inside it)";
  ctx.warn(
    "apt",
    at,
    `${ins.keyword} starts cron, Debian's name for the cron daemon; Alpine's is crond (busybox's, or cronie's when the stage installs it): not rewritten, since ${why}: start crond -f and give it its own options (busybox crond: -l N log level, -L FILE log file; cronie: -s syslog, -x debug flags)`,
  );
  return true;
}
