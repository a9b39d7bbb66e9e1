import { credentialsNote } from "@alpinize/dockerfile";
import { hasDigest } from "../dockerfile/images.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { unknownReleaseMessage } from "./alpine-release.js";
import { debianBaseHint } from "./base-advice.js";
import type { CheckSettings, RuleId } from "./types.js";
import { UNUSED, unusedStages } from "./unused-stages.js";

type Emit = (line: number, rule: RuleId, message: string, severity?: "error" | "warning") => void;

export function checkBase(
  stage: StageInfo,
  settings: CheckSettings,
  emit: Emit,
  kept: ReadonlyMap<number, string>,
  stages: readonly StageInfo[] = [stage],
): void {
  if (stage.parent !== undefined) return;
  const credentials = credentialsNote(stage.image);
  if (credentials) {
    // Docker refuses the reference: nothing else about this base can be judged until it changes.
    emit(stage.imageLine, "from-credentials", `stage ${stage.name}: ${credentials}`);
    return;
  }
  if (stage.referenceProblem) {
    // Nothing about a base Docker refuses, or alpinize cannot read, can be judged.
    emit(stage.imageLine, "from-reference", `stage ${stage.name}: ${stage.referenceProblem}`);
    return;
  }
  const release = unknownReleaseMessage(stage);
  if (release) emit(stage.imageLine, "alpine-release-unknown", release, "warning");
  if (stage.family === "debian" || stage.family === "ubuntu") {
    const said = `stage ${stage.name} is built on ${stage.image} (${stage.family}): ${kept.get(stage.line) ?? debianBaseHint(stage.image)}`;
    // BuildKit builds only the stages the target needs: one nothing needs is not in the image.
    if (unusedStages(stages).has(stage))
      emit(stage.imageLine, "debian-base", `${said}; ${UNUSED}`, "warning");
    else emit(stage.imageLine, "debian-base", said);
  }
  if (hasDigest(stage.image)) return;
  if (stage.unresolved.length > 0) {
    const names = stage.unresolved.map((n) => `\${${n}}`).join(", ");
    emit(
      stage.imageLine,
      "base-image-unpinned",
      `${stage.image} cannot be checked for a digest: ${names} has no default in a global ARG before the first FROM, so the image is only known at build time; give the ARG a default pinned by digest (ARG NAME=image:tag@sha256:…) or write the digest in the FROM`,
      settings.requireDigests ? "error" : "warning",
    );
    return;
  }
  if (stage.family === "unknown") return;
  emit(
    stage.imageLine,
    "base-image-unpinned",
    `${stage.image} is not pinned by digest: run "alpinize pin --write" and let Renovate keep the pin fresh`,
    settings.requireDigests ? "error" : "warning",
  );
}
