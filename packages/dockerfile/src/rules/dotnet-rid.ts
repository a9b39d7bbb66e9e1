import type { MigrationContext } from "../migrate/context.js";
import { runSources } from "./run-sources.js";
import type { StageState } from "./scope.js";

/** `-r linux-x64`, `--runtime linux-arm64`, `RuntimeIdentifier=linux-x64` (not `linux-musl-…`). */
const GLIBC_RID =
  /(?:\s(?:-r|--runtime)[\s=]+|RuntimeIdentifiers?=)["']?linux-(x64|arm64|arm|x86)\b(?!-)/;

/**
 * Rule `glibc`: .NET runtime identifiers name the C library: `linux-x64` apphosts and native
 * assets are glibc builds; on Alpine they are `linux-musl-x64`. Flagged in stages moved to Alpine.
 */
export function flagDotnetRid(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  for (const { ins, sources } of runSources(ctx, state.info.stage.body)) {
    const m = sources.map((s) => GLIBC_RID.exec(s.script.text)).find((x) => x !== null);
    if (!m) continue;
    ctx.warn(
      "glibc",
      ins.start,
      `.NET runtime identifier linux-${m[1]} builds for glibc; on Alpine use linux-musl-${m[1]} (dotnet publish -r linux-musl-${m[1]})`,
    );
    return;
  }
}
