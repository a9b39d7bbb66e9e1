import type { MigrationContext } from "../migrate/context.js";
import { glibcRidNote, glibcRids } from "./glibc-rid.js";
import { runSources } from "./run-sources.js";
import type { StageState } from "./scope.js";

/**
 * Rule `glibc`: .NET runtime identifiers name the C library: `linux-x64` apphosts and native
 * assets are glibc builds; on Alpine they are `linux-musl-x64`. Flagged in every stage that ends
 * up on Alpine (one already there too, as `alpinize check` reports it: glibcArtifacts), once per
 * use (`dotnet restore -r …` and `dotnet publish -r …` each), at its own line.
 */
export function flagDotnetRid(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine) return;
  for (const { sources } of runSources(ctx, state.info.stage.body)) {
    for (const source of sources) {
      for (const rid of glibcRids(source.script.text)) {
        const [offset] = source.span(rid.start, rid.end);
        ctx.warn("glibc", offset, glibcRidNote(rid.archs));
      }
    }
  }
}
