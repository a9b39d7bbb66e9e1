import type { MigrationContext } from "../migrate/context.js";
import { parseScript, type Script, type SimpleCommand, simpleCommands } from "../shell/script.js";
import type { Stage } from "../stages.js";
import { inheritedStarts, stageFiles } from "./stage-files.js";
import type { CopiedFile, InheritedStart } from "./stage-walk.js";

export { splitGlob } from "./image-files.js";

/** Scripts bigger than this are not scanned for commands (bounded work on untrusted input). */
const MAX_SCRIPT = 1024 * 1024;

/**
 * Build-context files a stage COPYs/ADDs (not `--from`), read through `readContextFile`, with the
 * RUN that executes each (`stageFiles`); read once per stage and migration.
 */
export function copiedFiles(ctx: MigrationContext, stage: Stage): CopiedFile[] {
  const read = ctx.readContextFile;
  return read ? stageFiles(ctx, stage, read) : [];
}

/**
 * The build-context files a stage starts (ENTRYPOINT/CMD) that a stage it is built FROM copied,
 * read through `readContextFile` (`InheritedStart`).
 */
export function startedFromParents(ctx: MigrationContext, stage: Stage): InheritedStart[] {
  const read = ctx.readContextFile;
  return read ? inheritedStarts(ctx, stage, read) : [];
}

/**
 * Command names run by COPYed shell scripts (an entrypoint calling envsubst), so the package map
 * can pick the smallest package that provides them.
 */
export function scriptCommands(files: CopiedFile[]): Set<string> {
  const names = new Set<string>();
  for (const f of files) {
    for (const c of shellCommands(f) ?? []) {
      if (c.name && /^[\w.+-]+$/.test(c.name.replace(/^.*\//, "")))
        names.add(c.name.replace(/^.*\//, ""));
    }
  }
  return names;
}

/** The commands of a copied shell script (by its shebang), or undefined if it is none or unreadable. */
export function shellCommands(f: CopiedFile): SimpleCommand[] | undefined {
  const script = shellScript(f);
  return script && simpleCommands(script);
}

/** A copied shell script (by its shebang) parsed, or undefined if it is none or unreadable. */
export function shellScript(f: CopiedFile): Script | undefined {
  if (f.content.length > MAX_SCRIPT || !/^#!\s*\S*(?:\/|\s)(?:ba|da|a)?sh\b/.test(f.content))
    return undefined;
  try {
    return parseScript(f.content);
  } catch {
    return undefined;
  }
}
