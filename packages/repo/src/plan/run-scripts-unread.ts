import { readRunScripts } from "../check/run-scripts.js";
import type { MissingScript } from "../discover/missing-source.js";
import { mapLinesToOriginal } from "./line-map.js";
import type { FilePlan } from "./types.js";

/**
 * The scripts the RUNs of a migrated Dockerfile run (`RUN /setup.sh`, `RUN sh setup.sh`) that
 * were not read: their COPY source is missing (to `missing`), or links out of the build context
 * or to nothing (to `outside`). Found as `alpinize check` finds them (`readRunScripts`, on the
 * result's stages, the ones check reads next), their lines taken back to the file as given.
 */
export async function unreadRunScripts(
  root: string,
  file: string,
  before: string,
  dockerfile: FilePlan,
  missing: MissingScript[],
  outside: MissingScript[],
): Promise<void> {
  const stages = dockerfile.stagesAfter;
  if (!stages) return;
  const gone: MissingScript[] = [];
  const linked: MissingScript[] = [];
  await readRunScripts(root, file, stages, gone, linked);
  if (gone.length === 0 && linked.length === 0) return;
  const line = mapLinesToOriginal(before, dockerfile.after);
  const back = (m: MissingScript): MissingScript => ({
    ...m,
    line: line(m.line),
    by: typeof m.by === "string" ? m.by : { run: line(m.by.run) },
  });
  missing.push(...gone.map(back));
  outside.push(...linked.map(back));
}
