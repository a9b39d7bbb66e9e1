import { shadowOnlyTool } from "@alpinize/busybox";
import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { DEFAULT_PATH } from "../search-path.js";
import { simpleCommands } from "../shell/script.js";
import { type CopiedFile, shellCommands } from "./context-files.js";
import { addPackage } from "./place.js";
import { runScripts } from "./run.js";
import type { StageState } from "./scope.js";
import { withoutTrailingSlashes } from "./trailing-slashes.js";

/** shadow's account tools the users rule rewrites in a RUN, but not in a copied script. */
const ACCOUNT_TOOLS = new Set(["useradd", "groupadd", "usermod", "gpasswd", "userdel", "groupdel"]);
const SHELLS = /^(?:ba|da|a)?sh$/;

/**
 * Rule `users`: a COPYed shell script that a RUN of the stage executes (`RUN /tmp/install.sh`,
 * `RUN bash /tmp/install.sh`) keeps its shadow calls (`useradd -m bob`): neither migrate nor
 * `migrate DIR` rewrites such a script (only ENTRYPOINT/CMD scripts get the shims), and busybox
 * has no useradd, so the stage gets Alpine's shadow in an `apk add` before that RUN.
 */
export function addScriptShadow(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  for (const f of state.copied) {
    const tool = shellCommands(f)
      ?.map((c) => c.name?.replace(/^.*\//, "") ?? "")
      .find((n) => ACCOUNT_TOOLS.has(n) || shadowOnlyTool(n) !== undefined);
    if (tool === undefined) continue;
    const run = runOf(ctx, state, f);
    if (!run) continue;
    addPackage(ctx, state, {
      pkg: "shadow",
      debian: "passwd",
      offset: run.offset,
      after: run.ins,
      rule: "users",
      warning: `${f.source} calls ${tool}, shadow's tool, and this RUN runs it as written (the script is not rewritten); busybox has no ${tool}: added shadow`,
      reason: `${f.source} (run by a RUN) calls ${tool}: Debian's base image ships shadow's tools (package passwd); Alpine's busybox lacks it`,
    });
  }
}

/** The first RUN after the COPY that executes the copied script, and the call's file offset. */
function runOf(
  ctx: MigrationContext,
  state: StageState,
  f: CopiedFile,
): { ins: Instruction; offset: number } | undefined {
  const paths = imagePaths(f);
  if (paths.size === 0) return undefined;
  for (const ins of state.info.stage.body) {
    if (ins.keyword !== "RUN" || ins.form === "exec" || ins.start < f.instruction.end) continue;
    let sources: ReturnType<typeof runScripts>;
    try {
      sources = runScripts(ctx, ins);
    } catch {
      continue;
    }
    for (const src of sources) {
      for (const cmd of simpleCommands(src.script)) {
        const words = cmd.args.map((a) => a.value ?? a.raw);
        const name = words[0] ?? "";
        const target = SHELLS.test(name.replace(/^.*\//, ""))
          ? words.slice(1).find((w) => !w.startsWith("-"))
          : name;
        if (target !== undefined && paths.has(target))
          return { ins, offset: src.span(cmd.start, cmd.start)[0] };
      }
    }
  }
  return undefined;
}

/** Where the COPY puts the file, as a RUN may name it: its path, or its name in a PATH folder. */
function imagePaths(f: CopiedFile): Set<string> {
  const { rest } = splitFlags(f.instruction.args.text);
  const words = splitWords(f.instruction.args.text.slice(rest)).map((w) =>
    w.text.replace(/^["']|["']$/g, ""),
  );
  const dest = words.at(-1) ?? "";
  const name = f.source.replace(/^.*\//, "");
  const into = dest.endsWith("/") || words.length > 2;
  const path = into ? `${withoutTrailingSlashes(dest)}/${name}` : dest;
  const out = new Set<string>();
  if (!path.startsWith("/")) return out;
  out.add(path);
  const dir = path.slice(0, path.lastIndexOf("/")) || "/";
  if (DEFAULT_PATH.includes(dir)) out.add(path.slice(dir.length + 1));
  return out;
}
