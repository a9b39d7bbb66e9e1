import { type ApkChange, missingNames, packageMapFor } from "@alpinize/dockerfile";
import { chainFact } from "../dockerfile/chain-fact.js";
import { rootStage } from "../dockerfile/stage-scope.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { stageRelease, surelyMissing } from "./apk-names.js";

/** The stage, or one it builds on, writes /etc/apk/repositories (edge, testing, a tagged repo). */
export const addsRepositories = chainFact<boolean>(
  (stage, parent) =>
    parent === true || stage.runs.some((r) => r.text.includes("/etc/apk/repositories")),
);

const NOTHING: ApkChange = { verb: "add", words: [] };

/**
 * What an `apk add` of the stage installs: nothing when it names a package its release surely
 * lacks (surelyMissing), as apk installs none of the names then (`apk add shadow nosuch || true`
 * leaves no useradd); the call as it is where the release is not judged (unknown, repositories
 * added) or the name may be in the older release an unversioned `-alpine` tag holds.
 */
export function stageInstalls(
  stage: StageInfo,
  stages: readonly StageInfo[],
): (change: ApkChange) => ApkChange {
  const root = rootStage(stage, stages);
  const release = addsRepositories(stage, stages) ? undefined : stageRelease(root);
  if (release === undefined) return (change) => change;
  const map = packageMapFor(release);
  return (change) => {
    const missing = missingNames(change, map);
    return missing.length > 0 && surelyMissing(root, missing) ? NOTHING : change;
  };
}
