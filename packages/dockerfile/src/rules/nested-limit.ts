import { InputError } from "@alpinize/errors";
import type { MigrationContext } from "../migrate/context.js";
import type { ShellSource } from "../shell/source.js";
import { nestedSource, scriptWords } from "./nested.js";
import { runScripts } from "./run-scripts.js";

/**
 * The most `sh -c` strings (nested ones too, three deep) migrate reads in one Dockerfile. Each is
 * a parsed script several rules read: under a 512 MiB heap a RUN of 279,605 `;sh -c 'echo a'`
 * (4 MiB) or of 182,351 `;sh -c "sh -c 'echo a'"` ran out of memory (a V8 abort, exit 134);
 * 200,000 of the first passed (0.6 GB peak RSS).
 */
export const MAX_SHELL_STRINGS = 200_000;

/** Thrown when a Dockerfile holds more `sh -c` strings than migrate reads (`MAX_SHELL_STRINGS`). */
export class TooManyShellStringsError extends InputError {
  constructor(line: number, count: number, limit: number, fileName: string) {
    super(
      "ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS",
      `${fileName}:${line}: more than ${limit} sh -c strings (nested ones counted) in this file, the RUN on line ${line} past the count: alpinize reads each as a script of its own and does not migrate or check a file holding more (a larger one runs it out of memory)`,
      {
        hint: `Move the commands into a script file the RUN runs, or split the work so the Dockerfile holds at most ${limit} sh -c strings.`,
        details: { line, count, limit },
      },
    );
  }
}

/**
 * Refuses, before any rule reads them, a Dockerfile whose RUN lines hold more than `limit` shell
 * strings: a clean exit 2 with a stable code instead of running out of heap part way. The
 * strings are parsed to count the ones inside them and let go at once.
 */
export function assertShellStringsBounded(
  ctx: MigrationContext,
  fileName: string,
  limit = MAX_SHELL_STRINGS,
): void {
  let count = 0;
  for (const ins of ctx.doc.instructions) {
    if (ins.keyword !== "RUN") continue;
    let scripts: ShellSource[];
    try {
      scripts = runScripts(ctx, ins);
    } catch {
      continue; // the rules report a RUN that does not parse
    }
    for (const src of scripts) count += countStrings(src, 1, limit - count);
    if (count > limit) throw new TooManyShellStringsError(ins.line, count, limit, fileName);
  }
}

/** The strings of a script, three deep, stopping once more than `left` are found. */
function countStrings(src: ShellSource, depth: number, left: number): number {
  let n = 0;
  for (const item of src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) {
      for (const word of scriptWords(cmd)) {
        n++;
        const inner = depth < 3 ? nestedSource(src, word) : undefined;
        if (inner) n += countStrings(inner, depth + 1, left - n);
        if (n > left) return n;
      }
    }
  }
  return n;
}
