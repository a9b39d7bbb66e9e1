import { quoted } from "@alpinize/errors";
import type { MigrationContext } from "../migrate/context.js";
import type { OutsideContextFile } from "../migrate/context-records.js";

export type { OutsideContextFile } from "../migrate/context-records.js";

/** Records a refused source; each COPY and source once, whichever rule asked first. */
export function noteOutsideContext(ctx: MigrationContext, file: OutsideContextFile): void {
  const key = `${file.instruction.start}:${file.source}`;
  if (!ctx.outsideContext.has(key)) ctx.outsideContext.set(key, file);
}

const LEADS_OUT =
  "leads outside the build context through a link (its own or a folder's), so alpinize did not read it (its shebang and commands went unchecked)";
const NEXT = "put the real file in the build context in place of the link, then run alpinize again";

/**
 * A warning at the COPY of each file the reader refused as a link out of the build context: the
 * rules that look into copied scripts (bash shebang, echo escapes, user commands, gosu, sshd)
 * did not see it, which must not pass silently. Only the name the link has inside the context is
 * quoted, never where it points (that may be a secret's path) nor anything of the file.
 */
export function flagContextLinks(ctx: MigrationContext): void {
  for (const file of ctx.outsideContext.values()) {
    const name = quoted(file.source);
    // Measured with dockerd's builder: a link out named by a COPY stops the build ("file not
    // found in build context"); inside a copied folder the link itself is copied.
    const message = file.inFolder
      ? `${name}, which this COPY brings in with its folder and the image runs, ${LEADS_OUT}; Docker copies the link itself, so the image gets a dangling link: ${NEXT}`
      : `${name} ${LEADS_OUT}, and Docker does not copy it (docker build stops at this COPY: file not found in build context): ${NEXT}`;
    ctx.warn("context", file.instruction.start, message);
  }
}
