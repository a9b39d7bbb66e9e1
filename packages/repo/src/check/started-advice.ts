import type { StageInfo } from "../dockerfile/stages.js";
import { stageWorld } from "./apk-history.js";
import type { LayoutAdvice } from "./debian-layout.js";

/**
 * What migrate says about a program an ENTRYPOINT/CMD starts, kept to the names that make the
 * container fail: a name the stage's own apk packages install (runuser after apk add runuser) is
 * there, and `python3.N` is there when it is the release's python3 (Alpine links python3.12).
 */
export function startedProgramAdvice(
  stage: StageInfo,
  stages: readonly StageInfo[],
  advice: LayoutAdvice,
): (name: string) => string | undefined {
  let world: ReturnType<typeof stageWorld> | undefined;
  return (name) => {
    const note = advice.program(name);
    if (note === undefined) return undefined;
    world ??= stageWorld(stage, stages);
    if (world.has(name)) return undefined;
    if (/^python3\.\d+$/.test(name) && advice.shipsPython(name.slice(6))) return undefined;
    return note;
  };
}
