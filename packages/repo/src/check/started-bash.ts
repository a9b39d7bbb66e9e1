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

/** bash or dash: shells busybox has no applet for. */
export type StartedShell = "bash" | "dash";

/** `ln -s /bin/sh /bin/bash`, `ln -sf busybox /usr/bin/bash`: a bash the image makes itself. */
export const linksBash = (text: string) => linksShell(text, "bash");
const linksShell = (text: string, shell: StartedShell) =>
  followsWithin(text, /\bln\s/, LINKED[shell], /[;&|\n]/);
const LINKED: Record<StartedShell, RegExp> = { bash: linkedTo("bash"), dash: linkedTo("dash") };
/** `command -v bash`, `which bash`, `[ -x /bin/bash ]`: the command starts bash only if it is there. */
const PROBES: Record<StartedShell, RegExp> = { bash: probes("bash"), dash: probes("dash") };

function linkedTo(name: StartedShell): RegExp {
  return new RegExp(`\\s\\/(?:usr\\/)?(?:local\\/)?bin\\/${name}(?=\\s|$|;|&|\\|)`);
}

function probes(name: StartedShell): RegExp {
  return new RegExp(
    `\\b(?:command\\s+-v|which|type|hash)\\s+(?:\\S*\\/)?${name}\\b|-[efx]\\s+\\/(?:usr\\/)?bin\\/${name}\\b`,
  );
}

/**
 * The ENTRYPOINT/CMD of an image an Alpine stage makes starts bash (`CMD ["bash"]`,
 * `ENTRYPOINT ["/bin/bash", "-c"]`, `CMD bash -c "…"`, a shell form under `SHELL ["/bin/bash"…]`),
 * and apk has not installed it by the end of the stage (or a stage it builds on): the container
 * fails to start. Judged for the stages a container runs (startsContainers), not builders.
 */
export function startedBash(
  stage: StageInfo,
  stages: readonly StageInfo[],
  name: StartedShell = "bash",
): StartedBash | undefined {
  if (!startsContainers(stage, stages)) return undefined;
  const start = containerStart(stage, stages);
  if (!start) return undefined;
  const ships = rootImageShipsBash(stage, stages);
  // The official images that ship bash ship no dash.
  const known = name === "bash" || ships === undefined ? ships : false;
  if (known === true || stageWorld(stage, stages).has(name) || makesShell(stage, stages, name))
    return undefined;
  const at = shellWord(start.words, name);
  if (at === undefined) return undefined;
  const part = partAt(start, at);
  const shell = name === "bash" ? part.bashShell : undefined;
  const via = shell
    ? shell.line === undefined
      ? " (its /bin/sh was linked to bash)"
      : ` (the shell form runs under SHELL on line ${shell.line})`
    : "";
  const unless = known === undefined ? ` (unless its base image ships ${name})` : "";
  return {
    line: part.line,
    severity: known === undefined ? "warning" : "error",
    message: `${part.keyword} starts ${name}${via}, but Alpine stage ${stage.name} has not installed it${unless}, so the container fails to start ("${name}: not found"): add ${name} to an apk add --no-cache in the stage, or start /bin/sh (busybox ash) instead`,
  };
}

/**
 * Index in `words` of the word that runs bash: the program itself (past tini and su-exec), or the
 * script of a `sh -c` that calls bash unguarded. Undefined when bash is not started, or only
 * after the command looked for it.
 */
function shellWord(words: readonly string[], name: StartedShell): number | undefined {
  const k = programStart(words);
  if (k === undefined) return undefined;
  const rest = words.slice(k);
  if (PROBES[name].test(rest.join(" "))) return undefined;
  const starts: number[] = [];
  let text = "";
  for (const word of rest) {
    starts.push(text.length);
    text += `${singleQuoted(word)} `;
  }
  for (const cmd of withNested(scanCommands(text))) {
    if (cmd.guarded || baseName(cmd.name) !== name) continue;
    const w = starts.findLastIndex((s) => s <= cmd.offset);
    // A bash found inside `sh -c '…'` sits at the offset of sh: its word is the script's.
    const script = baseName(rest[w] ?? "") === name ? undefined : shellScriptIndex(rest.slice(w));
    return k + w + (script ?? 0);
  }
  return undefined;
}

/** A RUN links a bash (dash) into the image, or a COPY puts a file named so in a bin folder. */
function makesShell(stage: StageInfo, stages: readonly StageInfo[], name: StartedShell): boolean {
  for (const s of stageChain(stage, stages)) {
    if (s.runs.some((r) => linksShell(r.text, name))) return true;
    for (const copy of readStage(s.body).copies) {
      const names = [copy.destination, ...copy.sources].map((p) =>
        posix.basename(withoutTrailingSlashes(p)),
      );
      if (names.includes(name)) return true;
    }
  }
  return false;
}
