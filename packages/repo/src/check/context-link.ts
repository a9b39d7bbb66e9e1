import { quoted } from "@alpinize/errors";
import type { MissingScript } from "../discover/missing-source.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { scriptsNotFound } from "./script-not-found.js";
import type { CheckSettings, Finding } from "./types.js";

/**
 * A script an Alpine image runs (ENTRYPOINT, CMD or a RUN) whose COPY source is a link leading out
 * of the build context (`run.sh -> /etc/shadow`, `lib -> ../../secrets`): check did not read it,
 * and Docker never copies the file it points to, so the build stops at the COPY or the image gets
 * a dangling link. An error, as the image is broken either way. Only the name inside the context
 * is quoted, never where the link points.
 */
// As migrate words it: measured with dockerd's builder.
const NAMED =
  "Docker does not copy it (docker build stops at this COPY: file not found in build context)";
const IN_FOLDER =
  "this COPY brings it in with its folder and Docker copies the link itself, so the image gets a dangling link";

export function contextLinks(
  file: string,
  outside: readonly MissingScript[],
  stages: readonly StageInfo[],
  settings: CheckSettings,
): Finding[] {
  const named = outside.map((m) => ({
    ...m,
    source: quoted(m.source),
    destination: quoted(m.destination),
  }));
  return scriptsNotFound(named, stages, settings.ignoreImages).map((m) => ({
    file,
    line: m.line,
    rule: "context-link",
    severity: "error",
    message: `${m.what}, leads outside the build context through a link (its own or a folder's), so alpinize did not read it and nothing in it was checked; ${m.inFolder ? IN_FOLDER : NAMED}: put the real file in the build context in place of the link`,
  }));
}
