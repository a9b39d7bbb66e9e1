import { shellScriptIndex } from "@alpinize/dockerfile";
import { baseName, type ShellCommand, scanCommands } from "../dockerfile/commands.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { instructionWords } from "../dockerfile/words.js";

/**
 * Programs an image starts under their Debian name, which no Alpine package installs, and what to
 * start instead. Debian's cron daemon is `cron`; busybox's and cronie's are both `crond`.
 */
const ALPINE_NAMES: ReadonlyMap<string, string> = new Map([
  [
    "cron",
    "Alpine has no cron (Debian's name for the daemon): start crond -f instead (busybox's crond reads /etc/crontabs; cronie's, apk add cronie, also reads /etc/cron.d)",
  ],
]);

/** Init wrappers that run the command after their options (and a `--`). */
const INIT_WRAPPERS = new Set(["tini", "tini-static", "dumb-init", "catatonit"]);
/** Tools that take a user, then run the command after it. */
const USER_SWITCHERS = new Set(["su-exec", "gosu"]);

export interface StartedProgram {
  line: number;
  keyword: "ENTRYPOINT" | "CMD";
  name: string;
  advice: string;
}

/**
 * The programs the stage's own ENTRYPOINT and CMD start (the last of each; CMD is what an
 * entrypoint script usually `exec`s) that Alpine knows under another name. `otherAdvice`: what
 * migrate says about a name this module has no advice of its own for (php-fpm8.2, apache2ctl).
 */
export function startedUnderDebianName(
  stage: StageInfo,
  otherAdvice: (name: string) => string | undefined = () => undefined,
): StartedProgram[] {
  const out: StartedProgram[] = [];
  for (const keyword of ["ENTRYPOINT", "CMD"] as const) {
    const ins = stage.body.findLast((i) => i.keyword === keyword);
    if (!ins) continue;
    const names =
      ins.form === "exec"
        ? programsOf(instructionWords(ins.args.text))
        : scanCommands(ins.args.text).map((c) => baseName(c.name));
    for (const name of new Set(names)) {
      const advice = ALPINE_NAMES.get(name) ?? otherAdvice(name);
      if (advice) out.push({ line: ins.line, keyword, name, advice });
    }
  }
  return out;
}

/** The program exec-form words run, seen through init wrappers, su-exec/gosu and `sh -c`. */
function programsOf(words: readonly string[]): string[] {
  const k = programStart(words);
  if (k === undefined) return [];
  // `sh -c`, `bash -lc`, `sh -euxc`, `bash -o pipefail -c`: as migrate reads them.
  const script = shellScriptIndex(words.slice(k));
  if (script === undefined) return [baseName(words[k]!)];
  return scanCommands(words[k + script]!).map((c) => baseName(c.name));
}

/**
 * Index of the program exec-form words start, past init wrappers (`tini --`) and the user of
 * su-exec/gosu; undefined when the words hold only wrappers.
 */
export function programStart(words: readonly string[]): number | undefined {
  let k = 0;
  while (k < words.length) {
    const name = baseName(words[k]!);
    if (INIT_WRAPPERS.has(name)) {
      k++;
      while (k < words.length && words[k]!.startsWith("-")) if (words[k++] === "--") break;
    } else if (USER_SWITCHERS.has(name)) {
      k += 2;
    } else return k;
  }
  return undefined;
}

/**
 * `update-alternatives --install|--set …` in a RUN: Debian's alternatives system, which Alpine
 * does not have (unless the stage installed Alpine's dpkg package), so the build fails there.
 * For `--install LINK NAME PATH PRIORITY` the message gives the link to make instead.
 */
export function alternativesProblem(
  cmd: ShellCommand,
  stage: string,
  dpkg: boolean,
): string | undefined {
  if (baseName(cmd.name) !== "update-alternatives" || dpkg) return undefined;
  const action = cmd.args.find((a) => a.startsWith("--") && !/^--(?:quiet|verbose|force)$/.test(a));
  const at = action === undefined ? -1 : cmd.args.indexOf(action);
  const [link, , path] = cmd.args.slice(at + 1);
  const fix =
    action === "--install" && link !== undefined && path !== undefined
      ? `make the link yourself (ln -sf ${path} ${link})`
      : "make the link yourself (ln -sf TARGET /usr/bin/NAME)";
  return `update-alternatives${action ? ` ${action}` : ""} in Alpine stage ${stage}: Debian's alternatives system, which Alpine does not have, so the build fails here; ${fix} or call the program by its own name`;
}
