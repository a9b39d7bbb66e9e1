import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { SimpleCommand } from "../shell/script.js";
import { simpleCommands } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { commandString, nestedSource, withNestedSources } from "./nested.js";
import { runScripts } from "./run-scripts.js";
import type { CopiedFile } from "./stage-walk.js";
import type { WgetUse } from "./wget-use.js";

// Busybox 1.37 wget with LONG_OPTS, TIMEOUT and DESKTOP (Alpine's config): short flags
// -c -q -S, -O/-o/-P/-Y/-U/-T/-t with an argument, -n<x> (-nv -nc -nH -np, accepted and ignored).
const SHORT_FLAGS = new Set(["c", "q", "S"]);
const SHORT_WITH_ARG = new Set(["O", "o", "P", "Y", "U", "T", "t"]);
const LONG_FLAGS = new Set([
  "continue",
  "quiet",
  "server-response",
  "spider",
  "no-check-certificate",
  "passive-ftp",
  "no-cache",
  "no-verbose",
  "no-clobber",
  "no-host-directories",
  "no-parent",
]);
const LONG_WITH_ARG = new Set([
  "output-document",
  "output-file",
  "directory-prefix",
  "proxy",
  "user-agent",
  "timeout",
  "tries",
  "header",
  "post-data",
]);

/** Commands that run another command given as their arguments. */
const WRAPPERS = new Set([
  "xargs",
  "sh",
  "bash",
  "ash",
  "env",
  "command",
  "exec",
  "eval",
  "timeout",
  "nohup",
]);

/**
 * GNU options that only change how progress is shown: busybox rejects them, and dropping them
 * changes nothing else, so they are removed rather than keeping GNU wget for them.
 */
const DISPLAY_ONLY = new Set(["progress", "show-progress", "no-show-progress"]);

/** The words of a wget call that are display-only options (and their separate arguments). */
export function displayOnlyWords(cmd: SimpleCommand): Word[] {
  const out: Word[] = [];
  const words = cmd.args.slice(1);
  for (let k = 0; k < words.length; k++) {
    const v = words[k]!.value;
    if (v === "--") break;
    if (!v?.startsWith("--")) continue;
    const [name = "", value] = v.slice(2).split(/=(.*)/s);
    if (!DISPLAY_ONLY.has(name)) continue;
    out.push(words[k]!);
    if (name === "progress" && value === undefined && words[k + 1]) out.push(words[++k]!);
  }
  return out;
}

/** The options of one wget call that busybox wget does not accept (display-only ones aside). */
function gnuOnlyWgetOptions(cmd: SimpleCommand): string[] {
  const bad: string[] = [];
  const words = cmd.args.slice(1);
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const v = w.value;
    if (v === undefined) {
      // An option built at run time: its name is unknown, so GNU wget is the safe answer.
      if (w.raw.startsWith("-")) bad.push(w.raw);
      continue;
    }
    if (v === "--") break;
    if (v.startsWith("--")) {
      const [name = "", value] = v.slice(2).split(/=(.*)/s);
      if (LONG_FLAGS.has(name) && value === undefined) continue;
      if (DISPLAY_ONLY.has(name)) {
        if (name === "progress" && value === undefined) k++;
        continue;
      }
      if (LONG_WITH_ARG.has(name)) {
        if (value === undefined) k++;
        continue;
      }
      bad.push(v);
    } else if (v.startsWith("-") && v.length > 1) {
      if (!shortCluster(v.slice(1), () => k++)) bad.push(v);
    }
  }
  return bad;
}

/** Whether a `-abc` cluster is valid for busybox wget; `takeNext` consumes an argument word. */
function shortCluster(cluster: string, takeNext: () => void): boolean {
  if (cluster.startsWith("n")) return /^n[vcHp]$/.test(cluster);
  for (let i = 0; i < cluster.length; i++) {
    const c = cluster[i]!;
    if (SHORT_FLAGS.has(c)) continue;
    if (SHORT_WITH_ARG.has(c)) {
      if (i === cluster.length - 1) takeNext();
      return true;
    }
    return false;
  }
  return true;
}

/**
 * Every wget call in the given RUN lines (and COPYed shell scripts, whose options are not
 * checked: they count as GNU use, so wget is kept).
 */
export function wgetUse(ctx: MigrationContext, runs: Instruction[], copied: CopiedFile[]): WgetUse {
  let used = false;
  const options: string[] = [];
  for (const ins of runs) {
    if (ins.keyword !== "RUN" || ins.form === "exec") continue;
    let sources: ReturnType<typeof runScripts>;
    try {
      sources = runScripts(ctx, ins).flatMap((s) => withNestedSources(s));
    } catch {
      if (/\bwget\b/.test(ins.args.text)) options.push("(unparsed RUN)");
      continue;
    }
    for (const src of sources) {
      for (const c of simpleCommands(src.script)) {
        const name = c.name?.replace(/^.*\//, "");
        if (name !== "wget") {
          // wget run through another command (xargs, sh -c) hides its options.
          // A `sh -c` string read as a script of its own is among the sources already.
          const script = commandString(c);
          const read = script !== undefined && nestedSource(src, script) !== undefined;
          if (!read && WRAPPERS.has(name ?? "") && c.args.some((a) => /(?:^|\s)wget\b/.test(a.raw)))
            options.push(`${name} … wget`);
          continue;
        }
        used = true;
        options.push(...gnuOnlyWgetOptions(c));
      }
    }
  }
  if (copied.some((f) => /(?:^|[\s;&|(`])wget\s/m.test(f.content))) options.push("(COPYed script)");
  if (options.length > 0) return { kind: "gnu", options: [...new Set(options)] };
  return used ? { kind: "busybox" } : { kind: "none" };
}
