import { isIgnoredImage } from "./images.js";
import type { StageInfo } from "./stages.js";

/** The stage at the bottom of a `FROM earlier-stage` chain: the one whose image is pulled. */
export function rootStage(stage: StageInfo, stages: readonly StageInfo[]): StageInfo {
  let current = stage;
  for (let hops = 0; current.parent !== undefined && hops < stages.length; hops++) {
    const parent = stages.find((s) => s.name === current.parent);
    if (!parent) break;
    current = parent;
  }
  return current;
}

/** A stage is ignored when `images.ignore` names its image, or the image of the stage it builds on. */
export function isStageIgnored(
  stage: StageInfo,
  stages: readonly StageInfo[],
  patterns: readonly string[],
): boolean {
  return isIgnoredImage(rootStage(stage, stages).image, patterns);
}
