import { readCopy } from "../discover/scripts.js";
import { isStageIgnored } from "../dockerfile/stage-scope.js";
import type { StageInfo } from "../dockerfile/stages.js";
import type { TransformWarning } from "../transforms.js";

/** Files whose contents do not depend on the C library: assets, configuration, archives, scripts. */
const DATA_FILE =
  /\.(?:html?|css|m?js|cjs|map|json|ya?ml|toml|ini|conf|cfg|env|txt|md|xml|svg|png|jpe?g|gif|ico|webp|woff2?|ttf|jar|war|ear|class|pem|crt|key|sql|csv|properties|sh|py|rb|php)$/i;
const DATA_DIR =
  /^\/(?:etc|usr\/share|usr\/local\/share)\/|\/(?:static|assets|public|templates)\/?$/;
const BINARY_PATH = /\/(?:s?bin|lib(?:64|exec)?)\/|\.so(?:\.\d+)*$/;

/**
 * A stage that stays on glibc (Debian or Ubuntu after the migration: kept by `images.ignore`, or
 * with no Alpine variant) copying programs out of a stage that is on Alpine gets musl-linked files
 * it cannot run. The Dockerfile transform sees only the stages it converts; this is the reverse,
 * which only the repository (knowing what was kept) can tell. Rule `glibc`, on the COPY line.
 */
export function muslIntoGlibc(
  after: readonly StageInfo[],
  ignorePatterns: readonly string[],
): TransformWarning[] {
  const warnings: TransformWarning[] = [];
  for (const stage of after) {
    if (stage.family !== "debian" && stage.family !== "ubuntu") continue;
    const why = isStageIgnored(stage, after, ignorePatterns)
      ? "kept by images.ignore"
      : "no Alpine variant";
    for (const ins of stage.body) {
      if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
      const copy = readCopy(ins);
      const from = copy.from === undefined ? undefined : stageNamed(copy.from, after, stage.index);
      if (from?.family !== "alpine") continue;
      const binaries = copy.sources.filter(
        (w) => BINARY_PATH.test(w) || !(DATA_FILE.test(w) || DATA_DIR.test(w)),
      );
      if (binaries.length === 0) continue;
      warnings.push({
        rule: "glibc",
        line: ins.line,
        message: `${binaries.join(", ")} comes from stage ${from.name} (${from.image}), which is on Alpine, into stage ${stage.name} (${stage.image}, ${why}), which stays on glibc: programs and native libraries built on Alpine are linked against musl and do not run here; build them in a glibc stage, copy a static build (CGO_ENABLED=0, -static), or move this stage to Alpine too`,
      });
    }
  }
  return warnings;
}

function stageNamed(name: string, stages: readonly StageInfo[], before: number) {
  const lower = name.toLowerCase();
  return stages.find(
    (s) => s.index < before && (s.alias?.toLowerCase() === lower || String(s.index) === name),
  );
}
