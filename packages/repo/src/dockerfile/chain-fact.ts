import { stageLinks } from "./stage-links.js";
import type { StageInfo } from "./stages.js";

/** A fact about a stage, read from the stage and from the same fact about the stage it builds on. */
export type ChainFact<T> = (stage: StageInfo, stages: readonly StageInfo[]) => T;

/**
 * Makes a fact that is worked out once per stage of a list (one describeStages returned, which no
 * one changes afterwards), parents first, in a loop since chains run deep. Asked per apk command,
 * walking all the parents each time cost quadratic time over a long `FROM earlier-stage` chain.
 */
export function chainFact<T>(
  read: (stage: StageInfo, parent: T | undefined, stages: readonly StageInfo[]) => T,
): ChainFact<T> {
  const factsOf = new WeakMap<readonly StageInfo[], Map<StageInfo, T>>();
  return (stage, stages) => {
    let facts = factsOf.get(stages);
    if (!facts) {
      facts = new Map();
      factsOf.set(stages, facts);
    }
    const links = stageLinks(stages);
    const pending: StageInfo[] = [];
    for (let s: StageInfo | undefined = stage; s && !facts.has(s); s = links.parent(s))
      pending.push(s);
    for (const s of pending.reverse()) {
      const parent = links.parent(s);
      facts.set(s, read(s, parent ? facts.get(parent) : undefined, stages));
    }
    return facts.get(stage) as T;
  };
}
