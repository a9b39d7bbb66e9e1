import type { RuleId } from "../edits.js";
import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { StageState } from "./scope.js";

export interface PackageNeed {
  pkg: string;
  /** The Debian package that had it (default: the same name). */
  debian?: string;
  /** Where the need arises (warning and record line). */
  offset: number;
  /**
   * The RUN that needs it at build time: an `apk add` of that RUN before `offset` is used first.
   * Undefined for a run-time need, which any lasting `apk add` of the stage serves.
   */
  after?: Instruction;
  /** File offsets in that RUN where packages are removed again (`apk del`, `apt-get purge`). */
  removals?: readonly number[];
  rule: RuleId;
  warning: string;
  reason: string;
}

/**
 * Adds a package the Debian image had implicitly: to an `apk add` of the same RUN before the
 * call, else to the stage's last lasting (not virtual, not conditional) `apk add`, else to the
 * `apk add` written after FROM.
 */
export function addPackage(ctx: MigrationContext, state: StageState, need: PackageNeed): void {
  const build = need.after;
  const usable = state.apkAdds.filter((a) => !a.nested && (!build || a.at < need.offset));
  // A virtual package deleted before the call is no help to it.
  const removed = (a: { at: number }) =>
    (need.removals ?? []).some((r) => r > a.at && r < need.offset);
  const here = build
    ? usable.filter((a) => a.at >= build.start && !(a.temporary && removed(a))).at(-1)
    : undefined;
  const lasting = usable.filter((a) => !a.temporary).at(-1);
  const target = here ?? lasting;
  if (target) ctx.edit(need.rule, target.at, target.at, ` ${need.pkg}`);
  else state.preamble.push(need.pkg);
  state.alpineInstalled.add(need.pkg);
  if (!target?.temporary) state.lasting.add(need.pkg);
  ctx.warn(need.rule, need.offset, need.warning);
  ctx.packages.push({
    debian: need.debian ?? need.pkg,
    alpine: [need.pkg],
    written: [need.pkg],
    kind: "exact",
    layer: "migrate-rule",
    reason: need.reason,
    line: ctx.line(need.offset),
    tool: "apt",
  });
}
