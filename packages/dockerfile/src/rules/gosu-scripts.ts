import type { MigrationContext } from "../migrate/context.js";
import type { SimpleCommand } from "../shell/script.js";
import { shellCommands } from "./context-files.js";
import type { CopiedFile } from "./stage-walk.js";

/** Where a build-context script the stage copies calls gosu. */
export interface GosuCall {
  source: string;
  line: number;
  /** In a make recipe, which no mode of migrate rewrites. */
  makefile?: boolean;
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

/** Names make reads by default, and `.mk` includes: files alpinize never rewrites. */
const MAKEFILE = /(?:^|\/)(?:GNUmakefile|[Mm]akefile|[^/]+\.mk)$/;

/** Makefiles bigger than this are not searched (bounded work on untrusted input). */
const MAX_MAKEFILE = 1024 * 1024;

/** gosu at a command's start in a recipe line (`\tgosu app x`, `\t@-exec gosu …`, `a && gosu …`). */
const RECIPE_GOSU = /(?:^\t[@+-]*|[;&|(]|\bexec)\s*(?:\S*\/)?gosu(?:\s|$)/;

/** The first recipe line of a copied Makefile that runs gosu, if any. */
function makefileGosuCall(files: readonly CopiedFile[]): GosuCall | undefined {
  for (const f of files) {
    if (!MAKEFILE.test(f.source) || f.content.length > MAX_MAKEFILE) continue;
    const line = f.content.split("\n").findIndex((l) => l.startsWith("\t") && RECIPE_GOSU.test(l));
    if (line >= 0) return { source: f.source, line: line + 1, makefile: true };
  }
  return undefined;
}

/**
 * The first gosu call in a copied file this migration leaves calling gosu: a shell script when
 * migrate cannot change it (only `alpinize migrate DIR` rewrites scripts, and it says so with
 * `migratesScripts`), a Makefile always (neither rewrites one).
 */
function unchangedGosuCall(ctx: MigrationContext, copied: readonly CopiedFile[]) {
  if (ctx.migratesScripts) return makefileGosuCall(copied);
  return scriptGosuCall(copied) ?? makefileGosuCall(copied);
}

/**
 * Whether an apt-installed gosu stays gosu: a copied file this migration leaves calling it, and
 * the release packages gosu. su-exec would leave that file calling a program the image lacks.
 */
export function scriptKeepsGosu(
  ctx: MigrationContext,
  copied: readonly CopiedFile[],
): GosuCall | undefined {
  if (!ctx.packageMap.exists("gosu")) return undefined;
  return unchangedGosuCall(ctx, copied);
}

/**
 * Rule 8 for an apt `gosu` when a copied file calls it: true (and a warning) when gosu is kept;
 * false when gosu becomes su-exec as usual, with a warning naming the call when the release has no
 * gosu package to keep.
 */
export function keepAptGosu(
  ctx: MigrationContext,
  copied: readonly CopiedFile[],
  offset: number,
): boolean {
  const call = unchangedGosuCall(ctx, copied);
  if (!call) return false;
  const where = `${call.source}:${call.line}`;
  if (ctx.packageMap.exists("gosu")) {
    const next = call.makefile
      ? `a make recipe, which alpinize does not rewrite; to switch to su-exec, change that call to su-exec`
      : "to switch to su-exec run alpinize migrate on the directory, which rewrites the script too";
    ctx.warn(
      "tini-gosu",
      offset,
      `kept gosu: ${where} calls it${call.makefile ? " in " : "; "}${next}`,
    );
    return true;
  }
  const next = call.makefile
    ? "change that call to su-exec (alpinize rewrites no Makefile)"
    : `change that call to su-exec (alpinize entrypoint ${call.source}), or run alpinize migrate on the directory, which rewrites the script too`;
  ctx.warn(
    "tini-gosu",
    offset,
    `Alpine ${ctx.release} has no gosu package, so gosu became su-exec, but ${where} calls gosu: ${next}`,
  );
  return false;
}
