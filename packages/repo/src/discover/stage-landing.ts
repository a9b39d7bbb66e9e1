import { posix } from "node:path";
import type { Found, LinkedFile } from "./context-sources.js";
import { type LinkEnd, linkEndFields } from "./dangling-source.js";
import { SCRIPT_NAME } from "./script-content.js";
import { type Run, type Runs, runOf, type ScriptRole, type StageRead } from "./stage-read.js";

/*
 * What the copied-scripts scan keeps per stage (files landed, sources missing or linked out) and
 * how it reads those maps: what a stage inherits, what COPY --from finds, what runs a file.
 */

/** `line`: the COPY that put it there. */
export type Landed = Map<string, Found & { line?: number }>;
/** A COPY source the build context lacks, and the COPY's line. */
export type Absence = { line: number; source: string };
/** Image path → the COPY whose source the context lacks, that would have put a file there. */
export type Absent = Map<string, Absence>;
/**
 * A COPY source that links out of the context (a file, or a folder) or to nothing (`dangling`:
 * the missing name), and the COPY's line.
 */
export type LinkedSource = Absence & { directory: boolean } & Partial<LinkEnd>;
/** Image path → the COPY that put a link out of the context (or to nothing) there. */
export type Linked = Map<string, LinkedSource>;

/**
 * A stage keeps the ENTRYPOINT of the stage it builds on unless it sets its own, and its CMD
 * unless it sets CMD or ENTRYPOINT (a new ENTRYPOINT clears the inherited CMD).
 */
export function inheritRuns(read: StageRead, parent: Runs | undefined): Runs {
  if (!parent) return read.runs;
  const runs: Runs = new Map(read.runs);
  for (const [word, run] of parent) {
    if (runs.has(word)) continue;
    if (run.role === "entrypoint" && !read.entrypoint) runs.set(word, run);
    if (run.role === "cmd" && !read.entrypoint && !read.cmd) runs.set(word, run);
  }
  return runs;
}

/** `COPY --from=stage SRC`: the repository file that stage COPYed to SRC, if any. */
export function fromStage(
  name: string,
  source: string,
  stages: readonly { alias?: string; index: number }[],
  landed: readonly Landed[],
  builds: readonly boolean[],
): Found | undefined {
  const stage =
    stages.find((s) => s.alias?.toLowerCase() === name.toLowerCase()) ??
    (/^\d+$/.test(name) ? stages[Number(name)] : undefined);
  if (!stage) return undefined;
  const files = landed[stage.index];
  if (!files || source.includes("*") || source.includes("$")) return undefined;
  const wanted = posix.resolve("/", source).replace(/\/+$/, "");
  const exact = files.get(wanted);
  if (exact) return exact;
  for (const [dest, found] of files) {
    const prefix = dest === "/" ? "/" : `${dest}/`;
    if (!found.directory || !wanted.startsWith(prefix)) continue;
    const rest = wanted.slice(prefix.length);
    const path = posix.join(found.path, rest);
    return builds[stage.index]
      ? { path, directory: false, maybeBuilt: true }
      : { path, directory: false };
  }
  return undefined;
}

/**
 * The files of a COPY source that links out of the context (or to nothing) that `runs` names:
 * the file where it landed (`at`), or for a linked folder each one run from under `at`, by its
 * path inside.
 */
export function linkedFiles(at: string, link: LinkedSource, runs: Runs): LinkedFile[] {
  if (!link.directory) {
    return [{ source: link.source, at, ...linkEndFields(link) }];
  }
  const folder = at.endsWith("/") ? at : `${at}/`;
  return [...runs.keys()]
    .filter((word) => word.startsWith(folder))
    .map((word) => ({ source: posix.join(link.source, word.slice(folder.length)), at: word }));
}

/**
 * What runs a file that cannot be read (missing, or behind a link): none for a file an
 * interpreter reads, and an operand of a program alpinize does not know counts only with a
 * script's name, as it would if it could be read.
 */
export function scriptRun(at: string, runs: Runs): Run | undefined {
  const run = runOf(at, runs);
  if (run?.how === "read") return undefined;
  return run?.how === "operand" && !SCRIPT_NAME.test(at) ? undefined : run;
}

export function rank(role: ScriptRole): number {
  return role === "entrypoint" ? 2 : role === "cmd" ? 1 : 0;
}
