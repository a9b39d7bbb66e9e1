import { parseScript, type SimpleCommand } from "./script.js";
import { type ShellSource, textSource } from "./source.js";
import { substitutionsOf } from "./substitutions.js";
import { ShellSyntaxError } from "./tokenize.js";

/**
 * Reads whose status is 0 wherever the program is there: the machine's architecture and CPU
 * count, and `true` and `echo`. `arch="$(apk --print-arch)" && apk add …` is a build step, not a test.
 */
const READS: Readonly<Record<string, (args: readonly string[]) => boolean>> = {
  true: () => true,
  echo: () => true,
  apk: (args) => args.length === 1 && args[0] === "--print-arch",
  dpkg: (args) => args.length === 1 && args[0] === "--print-architecture",
  uname: (args) => args.every((a) => /^-[a-z]+$/.test(a)),
  arch: (args) => args.length === 0,
  nproc: (args) => args.length === 0,
};

/** Text filters a read is piped into (`dpkg --print-architecture | awk -F- '{ print $NF }'`). */
const FILTERS = new Set(["awk", "sed", "cut", "tr"]);

/**
 * An assignment alone (`X=$(cmd)`) takes the status of its last command substitution, as busybox
 * sh runs it (`X=$(false) && echo y` prints nothing): whether that one may fail, which makes it a
 * test before `&&`. Plain words (`X=1`) and an arch read ({@link READS}) never fail.
 */
export function assignmentMayFail(cmd: SimpleCommand): boolean {
  const words = cmd.assignments.filter((w) => /\$\((?!\()|`/.test(w.raw));
  const last = words.at(-1);
  if (last === undefined) return false;
  const subs = substitutionsIn(last.raw);
  if (subs === undefined) return true;
  const sub = subs.at(-1);
  return sub !== undefined && !cannotFail(sub);
}

/** The scripts of the substitutions in an assignment word; undefined when sh cannot read one. */
function substitutionsIn(raw: string): (SimpleCommand[] | undefined)[] | undefined {
  let script: ShellSource["script"];
  try {
    script = parseScript(raw);
  } catch (err) {
    if (err instanceof ShellSyntaxError) return undefined;
    throw err;
  }
  return substitutionsOf(textSource(script)).map((s) => onePipeline(s.src?.script));
}

/** The commands of a script that is one pipeline, else undefined. */
function onePipeline(script: ShellSource["script"] | undefined): SimpleCommand[] | undefined {
  const items = script?.items.filter((it) => it.kind !== "op" || it.op !== "\n");
  const only = items?.length === 1 ? items[0] : undefined;
  return only?.kind === "pipeline" ? only.commands : undefined;
}

function cannotFail(commands: SimpleCommand[] | undefined): boolean {
  const [read, ...piped] = commands ?? [];
  if (!read || commands!.some((c) => c.redirects.length > 0 || c.assignments.length > 0))
    return false;
  const [name, ...args] = read.args.map((w) => w.value);
  if (name === undefined || args.some((a) => a === undefined)) return false;
  const known = READS[name];
  if (!known?.(args as string[])) return false;
  return piped.every((c) => FILTERS.has(c.args[0]?.value ?? ""));
}
