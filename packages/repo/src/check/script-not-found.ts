import { linkEndFields } from "../discover/dangling-source.js";
import type { MissingScript } from "../discover/missing-source.js";
import { isStageIgnored } from "../dockerfile/stage-scope.js";
import type { StageInfo } from "../dockerfile/stages.js";
import type { CheckSettings, Finding } from "./types.js";

/** A script an Alpine image runs whose COPY source is missing, and how messages name it. */
export interface ScriptNotFound {
  /** Line of the COPY naming it. */
  line: number;
  /** The source as the COPY writes it (or the file's path in a copied folder). */
  source: string;
  /** `run.sh, which ENTRYPOINT runs (as /run.sh) in stage app`. */
  what: string;
  /** As the script's MissingScript says, for a link out of the context or to nothing. */
  inFolder?: boolean;
  /** As the script's MissingScript says, for a link to nothing. */
  dangling?: string;
  /** As the script's MissingScript says, for a loop of links. */
  loop?: true;
  /** As the script's MissingScript says, for a folder on the way that is the link. */
  folder?: string;
  /** A RUN runs it (not ENTRYPOINT/CMD): migrate DIR reads such a script, never rewrites it. */
  byRun?: boolean;
}

/**
 * The missing scripts (`findCopiedScripts`, `readRunScripts`) that an Alpine image runs, in a
 * stage images.ignore leaves alone: what check could not check and migrate DIR could not
 * migrate. `stages`: check's reading of the file as it is, migrate's of its result.
 */
export function scriptsNotFound(
  missing: readonly MissingScript[],
  stages: readonly StageInfo[],
  ignoreImages: readonly string[],
): ScriptNotFound[] {
  return missing
    .filter((m) => {
      const stage = stages[m.stage];
      return stage?.family === "alpine" && !isStageIgnored(stage, stages, ignoreImages);
    })
    .map((m) => ({
      line: m.line,
      source: m.source,
      what: `${m.source}, which ${runner(m.by)} runs (as ${m.destination}) in stage ${stages[m.stage]!.name}`,
      ...(m.inFolder ? { inFolder: true } : {}),
      ...linkEndFields(m),
      ...(typeof m.by === "string" ? {} : { byRun: true }),
    }));
}

/**
 * A script an Alpine image runs (ENTRYPOINT, CMD or a RUN) whose COPY source is not in the build
 * context alpinize looked in: nothing about it was checked, which must not read as clean. A
 * warning, as for the other things check cannot look at: the context may be elsewhere
 * (`docker build -f Dockerfile ctx/`). `where`: the folders looked in, as the user names them.
 */
export function scriptNotFound(
  file: string,
  missing: readonly MissingScript[],
  stages: readonly StageInfo[],
  settings: CheckSettings,
  where: readonly string[],
): Finding[] {
  return scriptsNotFound(missing, stages, settings.ignoreImages).map((m) => ({
    file,
    line: m.line,
    rule: "script-not-found",
    severity: "warning",
    message: `${m.what}, is not in the build context alpinize looked in (${where.join(", then ")}), so it was not checked: run alpinize check from the build context (cd CONTEXT && alpinize check path/to/Dockerfile), or add the file (docker build stops at this COPY without it)`,
  }));
}

function runner(by: MissingScript["by"]): string {
  return typeof by === "string" ? by : `the RUN on line ${by.run}`;
}
