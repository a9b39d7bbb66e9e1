import { join } from "node:path";
import { isAlpinizeError } from "@alpinize/errors";
import { NOT_REGULAR, readStampedTextFile } from "../workspace/files.js";
import { describeLink } from "../workspace/links.js";
import type { ContentStamp } from "../workspace/stamp.js";
import { hintOf } from "./failures.js";
import type { RepoPlan } from "./types.js";

/**
 * Links named like a Dockerfile are never followed (one may lead outside the repository, and
 * writing it would replace the link), but they are reported, with where they lead, as `check`
 * reports them: the Dockerfile behind one was not migrated.
 */
export function skipLinks(root: string, links: readonly string[], plan: RepoPlan): void {
  const migrated = new Set(plan.files.filter((f) => f.kind === "dockerfile").map((f) => f.file));
  for (const file of links) {
    const { link, message, hint } = describeLink(root, file, migrated);
    plan.skipped.push({ file, message, code: "ALPINIZE_REPO_SYMLINK", link, hint });
  }
}

/** The file's text, or undefined once it is listed as skipped or unparsable. */
export async function readOrSkip(
  root: string,
  file: string,
  plan: Pick<RepoPlan, "unparsable" | "skipped" | "inputs">,
  stamps: Map<string, ContentStamp>,
  /** A script the image runs: a link there leaves the migration incomplete. */
  runs = false,
): Promise<string | undefined> {
  try {
    const { text, stamp } = await readStampedTextFile(join(root, file), file);
    stamps.set(file, stamp);
    return text;
  } catch (err) {
    if (!isAlpinizeError(err)) throw err;
    // Never opened: a link (not followed) or a FIFO, socket or device (which blocks or never ends).
    if (err.code === NOT_REGULAR)
      plan.skipped.push({ file, message: err.message, code: err.code, ...hintOf(err) });
    else if (err.code === "ALPINIZE_REPO_SYMLINK")
      plan.skipped.push({
        file,
        message: linkMessage(root, file, err.message, plan, runs),
        ...(runs ? { unrewritten: true, ...hintOf(err) } : {}),
      });
    else plan.unparsable.push({ file, message: err.message, code: err.code, ...hintOf(err) });
    return undefined;
  }
}

/**
 * What a script link's entry says. A link the Dockerfile transform read through the build context
 * (a script a RUN runs) was not skipped: only not rewritten. One the image runs as its ENTRYPOINT
 * or CMD keeps "skipped": that is the file migrate DIR would have rewritten.
 */
function linkMessage(
  root: string,
  file: string,
  skipped: string,
  plan: Pick<RepoPlan, "inputs">,
  runs: boolean,
): string {
  if (runs || !plan.inputs.includes(join(root, file))) return skipped;
  return `${file}: not rewritten: it is a link; its target is read as a build-context file`;
}
