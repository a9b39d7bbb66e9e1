import type { MigrationContext } from "../migrate/context.js";
import { runSources } from "./run-sources.js";
import type { StageState } from "./scope.js";

/**
 * Where a RID is given: `-r linux-x64`, `--runtime=linux-arm64`, `-p:RuntimeIdentifier=linux-x64`,
 * `RuntimeIdentifiers="linux-x64;linux-arm64"`. Group 1 is the value as written.
 */
const RID_USE =
  /(?:\s(?:-r|--runtime)(?:\s+|[=:])|RuntimeIdentifiers?=)["']?([^\s"'&|;<>)]*(?:;[^\s"'&|<>)]*)*)/g;
/** A glibc RID inside that value; `linux-musl-x64` and `linux-bionic-…` do not match. */
const GLIBC_RID = /(?:^|[;,]|%3B)linux-(x64|arm64|arm|x86)(?![\w-])/gi;

/**
 * Rule `glibc`: .NET runtime identifiers name the C library: `linux-x64` apphosts and native
 * assets are glibc builds; on Alpine they are `linux-musl-x64`. Flagged in stages moved to
 * Alpine, once per use (`dotnet restore -r …` and `dotnet publish -r …` each), at its own line.
 */
export function flagDotnetRid(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  for (const { sources } of runSources(ctx, state.info.stage.body)) {
    for (const source of sources) {
      for (const use of source.script.text.matchAll(RID_USE)) {
        const value = use[1] ?? "";
        const archs = [...value.matchAll(GLIBC_RID)].map((m) => (m[1] ?? "").toLowerCase());
        if (archs.length === 0) continue;
        const at = use.index + use[0].length - value.length;
        const [offset] = source.span(at, at + value.length);
        ctx.warn("glibc", offset, message(archs));
      }
    }
  }
}

function message(archs: string[]): string {
  const glibc = archs.map((a) => `linux-${a}`).join(", ");
  const musl = archs.map((a) => `linux-musl-${a}`).join(", ");
  const first = archs[0] ?? "x64";
  return `.NET runtime identifier${archs.length > 1 ? "s" : ""} ${glibc} build${archs.length > 1 ? "" : "s"} for glibc; on Alpine use ${musl} (dotnet publish -r linux-musl-${first})`;
}
