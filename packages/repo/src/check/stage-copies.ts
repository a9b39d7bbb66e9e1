import { posix } from "node:path";
import type { Copy } from "../discover/scripts.js";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import type { BuildContext, ContextFile, Copies } from "./build-context.js";

/** What a stage's image holds from the build context: its COPYs, and its `COPY --from`s of stages. */
export interface ContextImage {
  copies: Copies;
  stageCopies: StageCopies;
}

/**
 * `COPY --from=STAGE SRC DEST`, newest first: SRC of that stage's image (a folder's contents or a
 * file) at DEST; `exact`, only DEST itself (the file SRC names, copied into the folder DEST).
 */
export type StageCopies =
  | { image: ContextImage; source: string; dest: string; exact: boolean; older: StageCopies }
  | undefined;

/** `COPY --from` links followed from one image (a chain of stages each copying the last is bounded). */
const MAX_DEPTH = 64;

/** Adds a `COPY --from` of a stage whose image, as it ended, is `image`. */
export function withStageCopy(list: StageCopies, copy: Copy, image: ContextImage): StageCopies {
  const into = copy.destination.endsWith("/") || copy.sources.length > 1;
  const dest = withoutTrailingSlashes(copy.destination) || "/";
  if (!dest.startsWith("/")) return list;
  let out = list;
  for (const word of copy.sources) {
    if (/[*?[$]/.test(word)) continue;
    const source = posix.resolve("/", word);
    out = { image, source, dest, exact: false, older: out };
    if (into && source !== "/")
      out = {
        image,
        source,
        dest: posix.join(dest, posix.basename(source)),
        exact: true,
        older: out,
      };
  }
  return out;
}

/**
 * The context file a `COPY --from` put on one of `targets`: looked up where the stage it copies
 * out of has it, through that stage's own `COPY --from`s too.
 */
export async function landedFromStages(
  context: BuildContext,
  list: StageCopies,
  targets: readonly string[],
  depth = 0,
): Promise<ContextFile | undefined> {
  if (depth >= MAX_DEPTH) return undefined;
  for (let c = list; c; c = c.older) {
    const mapped = targets.flatMap((t) => {
      const inside = under(t, c.dest);
      if (inside === undefined || (c.exact && inside !== "")) return [];
      return [inside === "" ? c.source : posix.join(c.source, inside)];
    });
    if (mapped.length === 0) continue;
    const found = await landedIn(context, c.image, mapped, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The context file an image holds at one of `targets`: its own COPYs first, then its `--from`s. */
export async function landedIn(
  context: BuildContext,
  image: ContextImage,
  targets: readonly string[],
  depth = 0,
): Promise<ContextFile | undefined> {
  const own = image.copies === undefined ? undefined : await context.landed(image.copies, targets);
  return own ?? landedFromStages(context, image.stageCopies, targets, depth);
}

function under(path: string, dest: string): string | undefined {
  if (path === dest) return "";
  const folder = dest.endsWith("/") ? dest : `${dest}/`;
  return path.startsWith(folder) ? path.slice(folder.length) : undefined;
}
