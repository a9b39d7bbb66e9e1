import { scriptsNotFound } from "../check/script-not-found.js";
import type { MissingScript } from "../discover/missing-source.js";
import type { TransformWarning } from "../transforms.js";
import type { FilePlan } from "./types.js";

/**
 * The scripts a migrated image runs (ENTRYPOINT, CMD, a RUN's) whose COPY source is in neither the
 * Dockerfile's folder nor the directory migrated: migrate DIR could not read them, so they were
 * not migrated. A warning at the COPY, as check gives (`script-not-found`), so the run does not
 * read as complete; the stages are those of the result, the ones check would read next.
 */
export function missingScriptWarnings(
  missing: readonly MissingScript[],
  dockerfile: FilePlan,
  ignoreImages: readonly string[],
): TransformWarning[] {
  return scriptsNotFound(missing, dockerfile.stagesAfter ?? [], ignoreImages).map((m) => ({
    rule: "script-not-found",
    line: m.line,
    message: `${m.what}, is in neither the Dockerfile's folder nor the directory migrated, so ${m.byRun ? "nothing in it was checked" : "it was not migrated"}: add it where the COPY finds it (docker build stops at this COPY without it) and run alpinize migrate again`,
  }));
}
