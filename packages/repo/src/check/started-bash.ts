import { posix } from "node:path";
import { followsWithin, shellScriptIndex } from "@alpinize/dockerfile";
import { readStage } from "../discover/scripts.js";
import { baseName, scanCommands } from "../dockerfile/commands.js";
import { stageChain } from "../dockerfile/stage-links.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import { singleQuoted } from "../dockerfile/words.js";
import { stageWorld } from "./apk-history.js";
import { containerStart, partAt, startsContainers } from "./container-start.js";
import { programStart } from "./debian-programs.js";
import { withNested } from "./nested.js";
import { rootImageShipsBash } from "./shebang.js";

export interface StartedBash {
  line: number;
  message: string;
  severity: "error" | "warning";
}

/** `ln -s /bin/sh /bin/bash`, `ln -sf busybox /usr/bin/bash`: a bash the image makes itself. */
export const linksBash = (text: string) =>
  followsWithin(text, /\bln\s/, /\s\/(?:usr\/)?(?:local\/)?bin\/bash(?=\s|$|;|&|\|)/, /[;&|\n]/);
/** `command -v bash`, `which bash`, `[ -x /bin/bash ]`: the command starts bash only if it is there. */
const PROBES_BASH =
  /\b(?:command\s+-v|which|type|hash)\s+(?:\S*\/)?bash\b|-[efx]\s+\/(?:usr\/)?bin\/bash\b/;

/**
 * The ENTRYPOINT/CMD of an image an Alpine stage makes starts bash (`CMD ["bash"]`,
 * `ENTRYPOINT ["/bin/bash", "-c"]`, `CMD bash -c "…"`, a shell form under `SHELL ["/bin/bash"…]`),
 * and apk has not installed it by the end of the stage (or a stage it builds on): the container
 * fails to start. Judged for the stages a container runs (startsContainers), not builders.
 */
export function startedBash(
  stage: StageInfo,
  stages: readonly StageInfo[],
): StartedBash | undefined {
  if (!startsContainers(stage, stages)) return undefined;
  const start = containerStart(stage, stages);
  if (!start) return undefined;
  const known = rootImageShipsBash(stage, stages);
  if (known === true || stageWorld(stage, stages).has("bash") || makesBash(stage, stages))
    return undefined;
  const at = bashWord(start.words);
  if (at === undefined) return undefined;
  const part = partAt(start, at);
  const shell = part.bashShell;
  const via = shell
    ? shell.line === undefined
      ? " (its /bin/sh was linked to bash)"
      : ` (the shell form runs under SHELL on line ${shell.line})`
    : "";
  const unless = known === undefined ? " (unless its base image ships bash)" : "";
  return {
    line: part.line,
    severity: known === undefined ? "warning" : "error",
    message: `${part.keyword} starts bash${via}, but Alpine stage ${stage.name} has not installed it${unless}, so the container fails to start ("bash: not found"): add bash to an apk add --no-cache in the stage, or start /bin/sh (busybox ash) instead`,
  };
}

/**
 * Index in `words` of the word that runs bash: the program itself (past tini and su-exec), or the
 * script of a `sh -c` that calls bash unguarded. Undefined when bash is not started, or only
 * after the command looked for it.
 */
function bashWord(words: readonly string[]): number | undefined {
  const k = programStart(words);
  if (k === undefined) return undefined;
  const rest = words.slice(k);
  if (PROBES_BASH.test(rest.join(" "))) return undefined;
  const starts: number[] = [];
  let text = "";
  for (const word of rest) {
    starts.push(text.length);
    text += `${singleQuoted(word)} `;
  }
  for (const cmd of withNested(scanCommands(text))) {
    if (cmd.guarded || baseName(cmd.name) !== "bash") continue;
    const w = starts.findLastIndex((s) => s <= cmd.offset);
    // A bash found inside `sh -c '…'` sits at the offset of sh: its word is the script's.
    const script = baseName(rest[w] ?? "") === "bash" ? undefined : shellScriptIndex(rest.slice(w));
    return k + w + (script ?? 0);
  }
  return undefined;
}

/** A RUN links a bash into the image, or a COPY puts a file named bash in a bin folder. */
function makesBash(stage: StageInfo, stages: readonly StageInfo[]): boolean {
  for (const s of stageChain(stage, stages)) {
    if (s.runs.some((r) => linksBash(r.text))) return true;
    for (const copy of readStage(s.body).copies) {
      const names = [copy.destination, ...copy.sources].map((p) =>
        posix.basename(withoutTrailingSlashes(p)),
      );
      if (names.includes("bash")) return true;
    }
  }
  return false;
}
