import { toolInUnreadableScript } from "@alpinize/dockerfile";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import type { Finding, RuleId } from "./types.js";

type Emit = (line: number, rule: RuleId, message: string, severity?: Finding["severity"]) => void;

/**
 * A RUN on an Alpine stage that sh cannot read (a quote never closed) and that names a Debian
 * tool: the command scan takes the tool for quoted text, so it would pass, yet the build stops
 * there. migrate leaves such a RUN whole (and keeps a Debian stage that has one on Debian).
 */
export function checkUnreadableRun(stage: StageInfo, run: RunStep, emit: Emit): void {
  if (run.text.trimStart().startsWith("[")) return;
  const hit = toolInUnreadableScript(run.text);
  if (!hit) return;
  const line = run.line + (run.text.slice(0, hit.offset).match(/\n/g)?.length ?? 0);
  emit(
    Math.min(line, run.endLine),
    "apt-in-alpine",
    `${hit.tool} in Alpine stage ${stage.name}, in a RUN sh cannot read (${hit.reason}): the build stops there; fix the RUN and rewrite it for Alpine (alpinize migrate on the Debian original keeps its stage on Debian until it reads)`,
  );
}
