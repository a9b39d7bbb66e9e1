import { isIgnoredImage } from "./images.js";
import { stageLinks } from "./stage-links.js";
import type { StageInfo } from "./stages.js";

/** The stage at the bottom of a `FROM earlier-stage` chain: the one whose image is pulled. */
export function rootStage(stage: StageInfo, stages: readonly StageInfo[]): StageInfo {
  return stageLinks(stages).root(stage);
}

/** A stage is ignored when `images.ignore` names its image, or the image of the stage it builds on. */
export function isStageIgnored(
  stage: StageInfo,
  stages: readonly StageInfo[],
  patterns: readonly string[],
): boolean {
  return isIgnoredImage(rootStage(stage, stages).image, patterns);
}
