import type { MigrationContext } from "../migrate/context.js";
import type { SimpleCommand } from "../shell/script.js";
import { shellCommands } from "./context-files.js";
import type { CopiedFile } from "./stage-walk.js";

/** Where a build-context script the stage copies calls gosu. */
export interface GosuCall {
  source: string;
  line: number;
}

/** Wrappers an entrypoint runs gosu behind (`exec gosu …`, `exec env A=1 gosu …`). */
const WRAPPERS = new Set(["exec", "command", "nohup", "setsid", "env", "tini", "dumb-init"]);

function baseName(word: string): string {
  return word.replace(/^.*\//, "");
}

/** Index of the word that names gosu in this command (`gosu …`, `exec gosu …`, `set -- gosu …`). */
function gosuWord(cmd: SimpleCommand): number | undefined {
  const words = cmd.args.map((a) => a.value ?? a.raw);
  if (words[0] === "set") {
    const dashes = words.indexOf("--");
    return dashes >= 0 && baseName(words[dashes + 1] ?? "") === "gosu" ? dashes + 1 : undefined;
  }
  let i = 0;
  while (i < words.length && WRAPPERS.has(baseName(words[i]!))) {
    // `command -v gosu` asks whether gosu is there: a script that probes copes without it.
    if (words[i] === "command" && words[i + 1]?.startsWith("-")) return undefined;
    i++;
    while (i < words.length && (/^-/.test(words[i]!) || /^\w+=/.test(words[i]!))) {
      i++;
      if (words[i - 1] === "--") break;
    }
  }
  return i < words.length && baseName(words[i]!) === "gosu" ? i : undefined;
}

/** The first gosu call in the shell scripts a stage copies from the build context, if any. */
function scriptGosuCall(files: readonly CopiedFile[]): GosuCall | undefined {
  for (const f of files) {
    for (const cmd of shellCommands(f) ?? []) {
      const k = gosuWord(cmd);
      if (k === undefined) continue;
      const start = cmd.args[k]!.start;
      const line = f.content.slice(0, start).split("\n").length;
      return { source: f.source, line };
    }
  }
  return undefined;
}

/**
 * Whether an apt-installed gosu stays gosu: a copied script calls it, migrate cannot change that
 * script (only `alpinize migrate DIR` rewrites scripts, and it says so with `migratesScripts`), and
 * the release packages gosu. su-exec would leave the script calling a program the image lacks.
 */
export function scriptKeepsGosu(
  ctx: MigrationContext,
  copied: readonly CopiedFile[],
): GosuCall | undefined {
  if (ctx.migratesScripts || !ctx.packageMap.exists("gosu")) return undefined;
  return scriptGosuCall(copied);
}

/**
 * Rule 8 for an apt `gosu` when a copied script calls it: true (and a warning) when gosu is kept;
 * false when gosu becomes su-exec as usual, with a warning naming the call when the release has no
 * gosu package to keep.
 */
export function keepAptGosu(
  ctx: MigrationContext,
  copied: readonly CopiedFile[],
  offset: number,
): boolean {
  if (ctx.migratesScripts) return false;
  const call = scriptGosuCall(copied);
  if (!call) return false;
  const where = `${call.source}:${call.line}`;
  if (ctx.packageMap.exists("gosu")) {
    ctx.warn(
      "tini-gosu",
      offset,
      `kept gosu: ${where} calls it; to switch to su-exec run alpinize migrate on the directory, which rewrites the script too`,
    );
    return true;
  }
  ctx.warn(
    "tini-gosu",
    offset,
    `Alpine ${ctx.release} has no gosu package, so gosu became su-exec, but ${where} calls gosu: change that call to su-exec (alpinize entrypoint ${call.source}), or run alpinize migrate on the directory, which rewrites the script too`,
  );
  return false;
}
