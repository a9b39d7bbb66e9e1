import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { StageState } from "./scope.js";
import {
  callsShell,
  ensureShell,
  firstExecString,
  type ShellNeed,
  shebangRuns,
  shellBin,
} from "./shell.js";

const DASH_BIN = shellBin("dash");
const DASH_SHEBANG = shebangRuns("dash");
/** `CMD ["dash", …]`, `ENTRYPOINT ["/bin/dash", "/entry.sh"]`, `CMD dash -c '…'`. */
const STARTS_DASH = /(?:^|[\s"[])(?:\/usr)?(?:\/bin\/)?dash(?:[\s",]|$)/;

/**
 * Rule 6 for dash: a stage that calls dash as a command (`RUN dash -c …`, `dash script.sh`, a
 * `#!/bin/dash` script, `SHELL ["/bin/dash", "-c"]`, a CMD/ENTRYPOINT/HEALTHCHECK starting it)
 * gets Alpine's dash package, as one calling bash gets bash: busybox has no dash applet. dash is
 * kept rather than respelled `sh`: its echo reads escapes, its `-c` strings are left as written.
 */
export function addDash(ctx: MigrationContext, state: StageState): void {
  if (state.info.already) return;
  const needs: ShellNeed[] = [];
  let dashShell: Instruction | undefined;
  for (const ins of state.info.stage.body) {
    const reason = dashReason(ctx, state, ins);
    if (reason === undefined) continue;
    if (ins.keyword === "SHELL") dashShell ??= ins;
    needs.push({ offset: ins.start, reason });
  }
  ensureShell(ctx, state, "dash", needs, dashShell);
}

function dashReason(
  ctx: MigrationContext,
  state: StageState,
  ins: Instruction,
): string | undefined {
  switch (ins.keyword) {
    case "SHELL":
      return ins.form === "exec" && DASH_BIN.test(firstExecString(ins) ?? "")
        ? "SHELL is dash"
        : undefined;
    case "RUN":
      return !state.removedRuns.has(ins) && callsShell(ctx, ins, "dash")
        ? "a RUN line calls dash"
        : undefined;
    case "CMD":
    case "ENTRYPOINT":
    case "HEALTHCHECK":
      return STARTS_DASH.test(ins.args.text) ? `${ins.keyword} runs dash` : undefined;
    case "COPY":
    case "ADD": {
      const file = state.copied.find((f) => f.instruction === ins && DASH_SHEBANG.test(f.content));
      return file ? `${file.source} has a dash shebang` : undefined;
    }
    default:
      return undefined;
  }
}
