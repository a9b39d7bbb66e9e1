import type { StageInfo } from "./stages.js";

/**
 * How the stages of one Dockerfile are built FROM each other, indexed once: looking a parent up
 * by name in the list at every step made walks over `FROM earlier-stage` chains cost a pass over
 * the list per hop (cubic time over a long chain).
 */
export interface StageLinks {
  /** The earlier stage named by `FROM`, if this list has it (the first of that name). */
  parent(stage: StageInfo): StageInfo | undefined;
  /** The stage at the bottom of the chain: the one whose image is pulled. */
  root(stage: StageInfo): StageInfo;
  /** The final stage, or a stage the final one is built FROM: its layers are the image. */
  shipped(stage: StageInfo): boolean;
}

// Keyed by the list describeStages returned, so the index lives as long as that list.
const linksOf = new WeakMap<readonly StageInfo[], StageLinks>();

/** The links of `stages` (a list describeStages returned, which no one changes afterwards). */
export function stageLinks(stages: readonly StageInfo[]): StageLinks {
  let links = linksOf.get(stages);
  if (!links) {
    links = buildLinks(stages);
    linksOf.set(stages, links);
  }
  return links;
}

function buildLinks(stages: readonly StageInfo[]): StageLinks {
  const byName = new Map<string, StageInfo[]>();
  for (const s of stages) {
    const same = byName.get(s.name);
    if (same) same.push(s);
    else byName.set(s.name, [s]);
  }
  const roots = new Map<StageInfo, StageInfo>();
  let shipped: Set<StageInfo> | undefined;
  const links: StageLinks = {
    parent: (stage) =>
      stage.parent === undefined
        ? undefined
        : byName.get(stage.parent)?.find((s) => s.index < stage.index),
    root: (stage) => rootOf(stage, stages.length, byName, roots),
    shipped: (stage) => {
      if (!shipped) {
        shipped = new Set();
        for (let s = stages.at(-1); s; s = links.parent(s)) shipped.add(s);
      }
      return shipped.has(stage);
    },
  };
  return links;
}

/**
 * Follows FROM names down to the stage naming an image, remembering the root for every stage on
 * the way so each is walked once. At most one hop per stage: names that point at each other (in a
 * list not as describeStages makes it) stop there, as the walk always has.
 */
function rootOf(
  stage: StageInfo,
  hopsAllowed: number,
  byName: ReadonlyMap<string, StageInfo[]>,
  roots: Map<StageInfo, StageInfo>,
): StageInfo {
  const path: StageInfo[] = [];
  let current = stage;
  for (let hops = 0; hops < hopsAllowed; hops++) {
    const known = roots.get(current);
    if (known) return remember(path, known, roots);
    if (current.parent === undefined) return remember([...path, current], current, roots);
    const parent = byName.get(current.parent)?.[0];
    if (!parent) return remember([...path, current], current, roots);
    path.push(current);
    current = parent;
  }
  return current;
}

function remember(
  path: readonly StageInfo[],
  root: StageInfo,
  roots: Map<StageInfo, StageInfo>,
): StageInfo {
  for (const s of path) roots.set(s, root);
  return root;
}

/** The stage, then each stage it is built FROM, nearest first (the image's stage last). */
export function stageChain(stage: StageInfo, stages: readonly StageInfo[]): StageInfo[] {
  const links = stageLinks(stages);
  const out = [stage];
  for (let up = links.parent(stage); up; up = links.parent(up)) out.push(up);
  return out;
}
