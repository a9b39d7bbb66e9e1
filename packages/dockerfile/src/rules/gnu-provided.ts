import { missingAppletSource, providesMissingApplet } from "@alpinize/busybox";
import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { apkAddWords } from "./apk-adds.js";
import { liveApkAdds } from "./place.js";
import type { StageState } from "./scope.js";

/** Where a command busybox lacks is called: a RUN (its offset, and its package removals), or at run time. */
export interface AppletCall {
  offset: number;
  /** The RUN that calls it; undefined for a script the image runs. */
  ins?: Instruction;
  removals?: readonly number[];
}

/**
 * Whether the stage has a package other than the command's own that brings it along (util-linux
 * for lsblk, a perl module for perl) where the call needs it: kept by the parent stage, in the
 * `apk add` after FROM, or named by an `apk add` that runs before the call (any lasting one for a
 * script the image runs). The command's own package is addPackage's to look for.
 */
export function providedOtherwise(
  ctx: MigrationContext,
  state: StageState,
  tool: string,
  call: AppletCall,
): boolean {
  const parent = state.info.stage.parent;
  const kept = parent ? (ctx.lastingByStage.get(parent.index) ?? []) : [];
  const { ins, offset } = call;
  const removed = (at: number) => (call.removals ?? []).some((r) => r > at && r < offset);
  const serving = liveApkAdds(ctx, state).filter(
    (a) =>
      !a.nested &&
      (ins === undefined
        ? !a.temporary
        : a.at < offset && (!a.temporary || (a.at >= ins.start && !removed(a.at)))),
  );
  const names = [
    ...kept,
    ...state.preamble,
    ...serving.flatMap((a) => apkAddWords(ctx, a, state.values)),
  ];
  return names.some((name) => providesMissingApplet(tool, name));
}

/** The package record's reason for adding the package of a command busybox lacks. */
export function appletReason(tool: string, pkg: string): string {
  const source = missingAppletSource(tool);
  const debian = source?.debian ?? pkg;
  const has = source?.essential
    ? `every Debian image has ${tool} (${debian} is Essential)`
    : `Debian's ${debian} package has ${tool}`;
  return `${has}; Alpine's busybox has no ${tool} applet, so ${pkg} is added for it`;
}
