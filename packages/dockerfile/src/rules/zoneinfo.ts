import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import { baseRepository } from "./base-image.js";
import type { StageInfo } from "./from.js";
import { addPackage } from "./place.js";
import type { StageState } from "./scope.js";

const ZONEINFO = /\/usr\/share\/zoneinfo(?![\w.-])/;
/** `ENV TZ=Europe/Berlin` (a zone name, not a POSIX rule like `UTC0` or `:/etc/localtime`). */
const TZ_NAME = /(?:^|\s)TZ[= ]["']?[A-Z][A-Za-z_+-]*\/[A-Za-z_+/-]+/;

/**
 * Rule `busybox` (base image contents): Debian's images ship the time zone database (tzdata), an
 * Alpine image does not. A stage on Alpine that reads /usr/share/zoneinfo (a RUN linking
 * /etc/localtime, `ENV TZ=Area/City`, which musl resolves there) or that a later stage copies it
 * from (`COPY --from=build /usr/share/zoneinfo …`, the usual scratch image) gets tzdata.
 */
export function addZoneinfo(ctx: MigrationContext, state: StageState, all: StageInfo[]): void {
  // A parent stage's tzdata is in alpineInstalled already (stages inherit what parents keep).
  if (state.info.already || state.alpineInstalled.has("tzdata")) return;
  const use = ownUse(state.info.stage.body) ?? copiedFrom(state.info, all) ?? rubyUse(ctx, state);
  if (!use) return;
  addPackage(ctx, state, {
    pkg: "tzdata",
    offset: use.at,
    rule: "musl",
    warning: `${use.why}, which Debian images ship (tzdata) and Alpine images do not: added tzdata`,
    reason: `Debian images ship the time zone database; ${use.why}`,
  });
}

function ownUse(body: Instruction[]): { at: number; why: string } | undefined {
  for (const ins of body) {
    if (ins.keyword === "ENV" && TZ_NAME.test(ins.args.text)) {
      return { at: ins.start, why: "TZ names a zone that musl reads from /usr/share/zoneinfo" };
    }
    if ((ins.keyword === "RUN" || ins.keyword === "COPY") && ZONEINFO.test(ins.args.text)) {
      const from = ins.keyword === "COPY" && splitFlags(ins.args.text).flags.has("from");
      if (!from) return { at: ins.start, why: "this stage reads /usr/share/zoneinfo" };
    }
  }
  return undefined;
}

/**
 * Ruby's TZInfo (ActiveSupport, Rails) reads the zone files and fails at boot without them
 * (TZInfo::DataSourceNotFound); the Debian ruby images have them, the -alpine ones do not.
 */
function rubyUse(
  ctx: MigrationContext,
  state: StageState,
): { at: number; why: string } | undefined {
  if (!state.ships || baseRepository(ctx, state.info.stage) !== "ruby") return undefined;
  return {
    at: state.info.stage.from.start,
    why: "Ruby's TZInfo (ActiveSupport, Rails) reads /usr/share/zoneinfo",
  };
}

/** A later stage's `COPY --from=<this stage> /usr/share/zoneinfo …`. */
function copiedFrom(info: StageInfo, all: StageInfo[]): { at: number; why: string } | undefined {
  const copies = zoneinfoCopies(all);
  const byIndex = copies.get(String(info.stage.index));
  const byAlias = info.stage.alias ? copies.get(info.stage.alias.toLowerCase()) : undefined;
  // The first such COPY in file order, whichever name it uses.
  const ins = byAlias && (!byIndex || byAlias.start < byIndex.start) ? byAlias : byIndex;
  if (!ins) return undefined;
  return { at: ins.start, why: `line ${ins.line} copies /usr/share/zoneinfo from this stage` };
}

// Keyed by the migration's own stage list: the COPY lines are read once per migration, not once
// per stage.
const indexes = new WeakMap<readonly StageInfo[], ReadonlyMap<string, Instruction>>();

/** Lower-case `--from` value → the first COPY of /usr/share/zoneinfo that names it. */
function zoneinfoCopies(all: readonly StageInfo[]): ReadonlyMap<string, Instruction> {
  let copies = indexes.get(all);
  if (copies) return copies;
  const built = new Map<string, Instruction>();
  for (const other of all) {
    for (const ins of other.stage.body) {
      if (ins.keyword !== "COPY" || !ZONEINFO.test(ins.args.text)) continue;
      const from = splitFlags(ins.args.text).flags.get("from")?.toLowerCase();
      if (from !== undefined && !built.has(from)) built.set(from, ins);
    }
  }
  copies = built;
  indexes.set(all, copies);
  return copies;
}
