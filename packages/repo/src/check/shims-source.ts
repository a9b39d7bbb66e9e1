import { posix } from "node:path";
import { landingPath, readStage } from "../discover/scripts.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import type { Finding } from "./types.js";

/** `. /usr/local/lib/alpinize-shims.sh` (or `source …`), as `alpinize entrypoint --write` adds it. */
const SOURCE_LINE = /^\s*(?:\.|source)\s+["']?(\/[^\s"';&|)]*alpinize-shims[^\s"';&|)]*)/;

export interface SourcedShims {
  line: number;
  path: string;
}

/** The absolute paths a script sources the alpinize shims library from. */
export function sourcedShims(text: string): SourcedShims[] {
  const out: SourcedShims[] = [];
  text.split("\n").forEach((l, i) => {
    const path = SOURCE_LINE.exec(l)?.[1];
    if (path !== undefined && !path.includes("$")) out.push({ line: i + 1, path });
  });
  return out;
}

/**
 * Whether the stage, or a stage it builds on, puts `path` in its filesystem: a COPY or ADD to it
 * (or to a folder that holds it, from the context or another stage), or a RUN that names it.
 */
export function stageProvides(
  stage: StageInfo,
  stages: readonly StageInfo[],
  path: string,
): boolean {
  let current: StageInfo | undefined = stage;
  for (let hops = 0; current && hops <= stages.length; hops++) {
    if (provides(current, path)) return true;
    const parent: string | undefined = current.parent;
    current = parent === undefined ? undefined : stages.find((s) => s.name === parent);
  }
  return false;
}

function provides(stage: StageInfo, path: string): boolean {
  if (stage.runs.some((run) => run.text.includes(path))) return true;
  for (const copy of readStage(stage.body).copies) {
    const folder = withoutTrailingSlashes(copy.destination);
    for (const source of copy.sources) {
      if (landingPath(copy, source) === path) return true;
      // A folder copied whole: the file may be in it (its contents are not looked at).
      const maybeFolder = source.endsWith("/") || !posix.basename(source).includes(".");
      if (maybeFolder && (folder === "" || path.startsWith(`${folder}/`))) return true;
    }
  }
  return false;
}

/**
 * A script sources the shims library from a path no COPY provides: the container fails to start
 * (`.: can't open`). Reported on the COPY line of the script, where the fix goes.
 */
export function checkShimsSource(
  text: string,
  script: string,
  use: { dockerfile: string; line: number; runners: StageInfo[]; stages: StageInfo[] },
): Finding[] {
  const findings: Finding[] = [];
  const context = posix.dirname(use.dockerfile);
  for (const { path } of sourcedShims(text)) {
    const missing = use.runners.filter((s) => !stageProvides(s, use.stages, path));
    if (missing.length === 0) continue;
    const names = missing.map((s) => s.name).join(", ");
    const output = context === "." ? "alpinize-shims.sh" : `${context}/alpinize-shims.sh`;
    findings.push({
      file: use.dockerfile,
      line: use.line,
      rule: "shims-missing",
      severity: "error",
      message: `${script} sources ${path}, but no COPY in stage ${names} puts it there, so the container fails to start: run "alpinize shims print --output ${output}" and add "COPY alpinize-shims.sh ${path}" before the stage's ENTRYPOINT (or rewrite the script with alpinize entrypoint --inline)`,
    });
  }
  return findings;
}
