import { dashEchoEscapes, isBinShShebang } from "@alpinize/busybox";
import type { MigrationContext } from "../migrate/context.js";
import type { RunShell } from "../migrate/context-records.js";
import type { Instruction } from "../parse/types.js";
import { shellScript } from "./context-files.js";
import { scriptEchoCalls } from "./dash-echo-calls.js";
import type { StageState } from "./scope.js";
import type { CopiedFile } from "./stage-walk.js";

/**
 * Echo (rule `shell`) in a COPYed script the stage runs (a RUN executes it, or ENTRYPOINT/CMD
 * starts it) under /bin/sh or dash, by its `#!` line or the shell it is given to: each `echo`
 * whose words hand it escapes Debian's dash turned into characters is warned at, with the
 * script's path and line, on the RUN (or the COPY, for a script a container starts). The script
 * is not rewritten: it is a file of its own, which may still run under dash elsewhere (a stage
 * kept on Debian, a host), where `echo -e` prints the `-e`. `migrate DIR` lints the scripts
 * ENTRYPOINT/CMD start itself (the entrypoint lint's `echo-escapes`), so those are left to it.
 */
export function flagScriptEchoes(
  ctx: MigrationContext,
  state: StageState,
  /** What ran each RUN of the stage: /bin/sh may be linked to bash from some RUN on. */
  runShells: ReadonlyMap<Instruction, RunShell>,
): void {
  if (state.info.already) return;
  for (const f of state.copied) {
    const runBy = f.run ? f.run.shell : f.started && !ctx.migratesScripts ? f.started.shell : null;
    const binSh = f.run ? runShells.get(f.run.ins)?.binSh : state.shell.binSh;
    if (runBy === null || binSh !== "dash" || !readByDash(f, runBy)) continue;
    const found = firstEcho(f);
    if (!found) continue;
    const by = f.run ? "this RUN runs" : "the container starts (ENTRYPOINT/CMD)";
    ctx.warn(
      "shell",
      f.run?.offset ?? f.instruction.start,
      `${f.source}:${found.line}: echo with ${found.escapes}, in a script ${by} under /bin/sh: Debian's dash turned these escapes into characters, busybox ash's echo prints them as written without -e; the script is not rewritten (it may still run under dash elsewhere, where echo -e prints the -e): write printf '%b\\n' "…" there (the same under both), or echo -e if only Alpine runs it`,
    );
  }
}

/**
 * Whether dash read the file and busybox ash reads it on Alpine: given to `sh`, or run by its
 * `#!/bin/sh` line. Given to dash or run by `#!/bin/dash`, dash still reads it (addDash).
 */
function readByDash(f: CopiedFile, shell: string | undefined): boolean {
  if (shell !== undefined) return shell === "sh";
  return isBinShShebang(f.content);
}

/**
 * The first echo call of the script given escapes, with its line and the escapes named: migrate's
 * echo finder over the script (`scriptEchoCalls`: its command substitutions and the `sh -c`
 * strings /bin/sh runs too; `\echo` and `command echo`).
 */
function firstEcho(f: CopiedFile): { line: number; escapes: string } | undefined {
  const script = shellScript(f);
  for (const echo of (script && scriptEchoCalls(f.content, script)) ?? []) {
    const found = dashEchoEscapes(echo.args);
    if (found.length === 0) continue;
    const line = f.content.slice(0, echo.offset).split("\n").length;
    const escapes = [...new Set(found.map((e) => e.text))].slice(0, 3).join(" ");
    return { line, escapes };
  }
  return undefined;
}
