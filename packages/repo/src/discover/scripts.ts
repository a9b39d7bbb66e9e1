import { analyzeStages, parseDockerfile } from "@alpinize/dockerfile";
import { CopiedScripts, type GivenFile } from "./copied-scripts.js";
import type { MissingScript } from "./missing-source.js";
import type { ScriptReference } from "./script-reference.js";

export type { GivenFile } from "./copied-scripts.js";
export type { ScriptReference } from "./script-reference.js";

export {
  type Copy,
  landingPath,
  readCopy,
  readStage,
  type ScriptRole,
  type StageRead,
} from "./stage-read.js";

/**
 * Finds the scripts a Dockerfile COPYs from the build context (tried as the Dockerfile's own
 * folder, then the repository root) and tells which of them the image runs as ENTRYPOINT or CMD.
 * Only files that exist in the repository are returned; a script ENTRYPOINT or CMD runs whose
 * COPY source is in neither folder is added to `missing`, when given. With `outside`, one whose
 * COPY source is a link leading out of the build context (its own, or a folder's on the way) is
 * added there instead of being returned (Docker never copies the file it points to); without it,
 * a link of its own is returned, as every link, to be reported as skipped. With `given`, the
 * files ENTRYPOINT/CMD give to another interpreter (`make -f /app/Makefile`) are added there.
 */
export async function findCopiedScripts(
  root: string,
  dockerfile: string,
  text: string,
  missing?: MissingScript[],
  outside?: MissingScript[],
  given?: GivenFile[],
): Promise<ScriptReference[]> {
  const { stages } = analyzeStages(parseDockerfile(text, { fileName: dockerfile }));
  const scan = new CopiedScripts(root, dockerfile, stages, {
    ...(missing ? { missing } : {}),
    ...(outside ? { outside } : {}),
    ...(given ? { given } : {}),
  });
  for (const stage of stages) await scan.stage(stage);
  return scan.references();
}
