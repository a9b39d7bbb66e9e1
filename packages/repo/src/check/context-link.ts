import { quoted } from "@alpinize/errors";
import type { MissingScript } from "../discover/missing-source.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { type ScriptNotFound, scriptsNotFound } from "./script-not-found.js";
import type { CheckSettings, Finding } from "./types.js";

// As migrate words it: measured with dockerd's builder.
const NAMED =
  "Docker does not copy it (docker build stops at this COPY: file not found in build context)";
const IN_FOLDER =
  "this COPY brings it in with its folder and Docker copies the link itself, so the image gets a dangling link";

/**
 * The scripts an Alpine image runs whose COPY source links out of the build context, in a stage
 * images.ignore leaves alone, each named by its path inside the context (quoted), never where the
 * link points; with what Docker does with it: what check reports and migrate DIR warns at.
 */
export function linkedOutScripts(
  outside: readonly MissingScript[],
  stages: readonly StageInfo[],
  ignoreImages: readonly string[],
): (ScriptNotFound & { docker: string })[] {
  const named = outside.map((m) => ({
    ...m,
    source: quoted(m.source),
    destination: quoted(m.destination),
  }));
  return scriptsNotFound(named, stages, ignoreImages).map((m) => ({
    ...m,
    docker: m.inFolder ? IN_FOLDER : NAMED,
  }));
}

/**
 * A script an Alpine image runs (ENTRYPOINT, CMD or a RUN) whose COPY source is a link leading out
 * of the build context (`run.sh -> /etc/shadow`, `lib -> ../../secrets`): check did not read it,
 * and Docker never copies the file it points to, so the build stops at the COPY or the image gets
 * a dangling link. An error, as the image is broken either way.
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
    severity: "error",
    message: `${m.what}, leads outside the build context through a link (its own or a folder's), so alpinize did not read it and nothing in it was checked; ${m.docker}: put the real file in the build context in place of the link`,
  }));
}
