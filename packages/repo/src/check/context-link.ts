import { danglingLink, quoted } from "@alpinize/errors";
import type { MissingScript } from "../discover/missing-source.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { type ScriptNotFound, scriptsNotFound } from "./script-not-found.js";
import type { CheckSettings, Finding } from "./types.js";

// As migrate words it: measured with dockerd's builder.
const NAMED =
  "Docker does not copy it (docker build stops at this COPY: file not found in build context)";
const IN_FOLDER =
  "this COPY brings it in with its folder and Docker copies the link itself, so the image gets a dangling link";
// Measured too: Docker copies the link as it is; the image may have what it names (`-> /usr/bin/x`).
const IN_FOLDER_DANGLING =
  "this COPY brings it in with its folder and Docker copies the link as it is, so it runs only if the image has the file the link names by then";
const LEADS_OUT = "leads outside the build context through a link (its own or a folder's)";
const PUT_REAL = "put the real file in the build context in place of the link";
const PUT_REAL_FOLDER = "put the real folder in the build context in place of the link";
const FIX_LINK = "fix the link (ls -l shows where it points), or put the real file in its place";

/** A script behind a link Docker does not copy the file of, with the words messages give it. */
export interface LinkedOutScript extends ScriptNotFound {
  /** What the link is: `leads outside the build context…`, `is a dangling symbolic link (to …)`. */
  problem: string;
  /** What Docker does with it. */
  docker: string;
  /** What to do. */
  fix: string;
  /** A link to nothing in a copied folder may lead to a file the image has: not sure to break. */
  severity: "error" | "warning";
}

/**
 * The scripts an Alpine image runs whose COPY source links out of the build context, or is a
 * link to nothing, in a stage images.ignore leaves alone, each named by its path inside the
 * context (quoted), never where a link out points (a link to nothing names the missing name, to
 * be fixed); with what Docker does with it: what check reports and migrate DIR warns at.
 */
export function linkedOutScripts(
  outside: readonly MissingScript[],
  stages: readonly StageInfo[],
  ignoreImages: readonly string[],
): LinkedOutScript[] {
  const named = outside.map((m) => ({
    ...m,
    source: quoted(m.source),
    destination: quoted(m.destination),
  }));
  return scriptsNotFound(named, stages, ignoreImages).map((m) =>
    m.dangling === undefined
      ? {
          ...m,
          problem: m.folder === undefined ? LEADS_OUT : folderLeadsOut(m.folder),
          docker: m.inFolder ? IN_FOLDER : NAMED,
          fix: m.folder === undefined ? PUT_REAL : PUT_REAL_FOLDER,
          severity: "error",
        }
      : {
          ...m,
          problem: linkEndProblem(m.dangling, m.loop === true, m.folder),
          docker: m.inFolder ? IN_FOLDER_DANGLING : NAMED,
          fix: FIX_LINK,
          severity: m.inFolder ? "warning" : "error",
        },
  );
}

/** A folder on the way is the link out (`etcdir -> /etc`): named, as it is the link to fix. */
function folderLeadsOut(folder: string): string {
  return `is under ${quoted(folder)}, a folder link that leads outside the build context`;
}

/**
 * What is wrong with a link to nothing or a loop: the file's own link, or a folder's on the way,
 * named then (`dir1/x.sh` … `is under dir1, which is a loop`), since that is the link to fix.
 */
function linkEndProblem(dangling: string, loop: boolean, folder: string | undefined): string {
  const what = loop
    ? `a loop of symbolic links (to ${quoted(dangling)}, which leads back to it)`
    : `a ${danglingLink(quoted(dangling))}`;
  return folder === undefined ? `is ${what}` : `is under ${quoted(folder)}, which is ${what}`;
}

/**
 * A script an Alpine image runs (ENTRYPOINT, CMD or a RUN) whose COPY source is a link leading out
 * of the build context (`run.sh -> /etc/shadow`, `lib -> ../../secrets`): check did not read it,
 * and Docker never copies the file it points to, so the build stops at the COPY or the image gets
 * a dangling link. An error, as the image is broken either way. The same for a link to nothing
 * (`run.sh -> nowhere.sh`), except in a copied folder: Docker copies the link as it is, and the
 * image may have what it names, so that one is a warning.
 */
export function contextLinks(
  file: string,
  outside: readonly MissingScript[],
  stages: readonly StageInfo[],
  settings: CheckSettings,
): Finding[] {
  return linkedOutScripts(outside, stages, settings.ignoreImages).map((m) => ({
    file,
    line: m.line,
    rule: "context-link",
    severity: m.severity,
    message: `${m.what}, ${m.problem}, so alpinize did not read it and nothing in it was checked; ${m.docker}: ${m.fix}`,
  }));
}
