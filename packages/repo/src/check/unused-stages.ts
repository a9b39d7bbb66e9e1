import type { StageInfo } from "../dockerfile/stages.js";

export const UNUSED =
  "nothing in this file uses the stage (no COPY --from or RUN --mount from it, no FROM on it, and it is not the last stage), so BuildKit skips it when it builds the last stage, while the classic builder (DOCKER_BUILDKIT=0) and --target build it: a warning, not an error; delete the stage if nothing builds it";

// One answer per stage list: checkBase asks for each stage of the file.
const cache = new WeakMap<readonly StageInfo[], ReadonlySet<StageInfo>>();

/**
 * The stages the last stage does not need, as BuildKit reads the file when it builds it: not its
 * base (FROM stage), not copied or mounted from (COPY/ADD --from, RUN --mount=…,from=), directly
 * or through a stage it needs. A `--from` on a variable may name any stage: then none is unused.
 */
export function unusedStages(stages: readonly StageInfo[]): ReadonlySet<StageInfo> {
  let out = cache.get(stages);
  if (out) return out;
  out = findUnused(stages);
  cache.set(stages, out);
  return out;
}

function findUnused(stages: readonly StageInfo[]): Set<StageInfo> {
  const last = stages.at(-1);
  if (!last) return new Set();
  const byName = new Map<string, StageInfo>();
  for (const s of stages) {
    byName.set(String(s.index), s);
    if (s.alias) byName.set(s.alias.toLowerCase(), s);
  }
  const needed = new Set<StageInfo>();
  const todo = [last];
  while (todo.length > 0) {
    const s = todo.pop()!;
    if (needed.has(s)) continue;
    needed.add(s);
    const names = [
      ...(s.parent === undefined ? [] : [s.parent]),
      ...s.copiesFrom,
      ...s.runs.flatMap((r) => mountSources(r.flags)),
    ];
    if (names.some((n) => n.includes("$"))) return new Set();
    for (const n of names) {
      const used = byName.get(n.toLowerCase());
      if (used) todo.push(used);
    }
  }
  return new Set(stages.filter((s) => !needed.has(s)));
}

/** `--mount=type=bind,from=build,source=/out`: the stages or images a RUN mounts from. */
function mountSources(flags: string): string[] {
  return [...flags.matchAll(/--mount=(\S+)/g)].flatMap((m) =>
    m[1]!
      .split(",")
      .filter((kv) => /^from=/i.test(kv))
      .map((kv) => kv.slice("from=".length).replace(/^["']|["']$/g, "")),
  );
}
