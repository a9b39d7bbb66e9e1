import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import { simpleCommands } from "../shell/script.js";
import type { ShellSource } from "../shell/source.js";
import { baseRepository } from "./base-image.js";
import { removals } from "./gnu-stage.js";
import { addPackage } from "./place.js";
import { runSources } from "./run-sources.js";
import type { StageState } from "./scope.js";
import type { StageInfo } from "./stage-info.js";
import { localtimeLinkRun } from "./zoneinfo-reconfigure.js";

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
  if (state.info.already) return;
  // A RUN that reads the zone files needs them when it runs, before any later install: first.
  const use =
    buildUse(ctx, state) ??
    linkUse(state) ??
    ownUse(state.info.stage.body) ??
    copiedFrom(state.info, all) ??
    rubyUse(ctx, state);
  if (!use) return;
  addPackage(ctx, state, {
    pkg: "tzdata",
    offset: use.at,
    ...(use.run ? { after: use.run, removals: use.removals } : {}),
    rule: "musl",
    warning: `${use.why}, which Debian images ship (tzdata) and Alpine images do not: added tzdata`,
    reason: `Debian images ship the time zone database; ${use.why}`,
  });
}

interface Use {
  at: number;
  why: string;
  /** The RUN that reads the zone files at build time, and where it removes packages again. */
  run?: Instruction;
  removals?: readonly number[];
}

/** The first read of /usr/share/zoneinfo in a RUN the stage keeps, at the spot it is read. */
function buildUse(ctx: MigrationContext, state: StageState): Use | undefined {
  const why = "this RUN reads /usr/share/zoneinfo";
  // Heredoc bodies included: an instruction's span holds them.
  const body = state.info.stage.body.filter(
    (ins) =>
      ins.keyword === "RUN" &&
      !state.removedRuns.has(ins) &&
      ZONEINFO.test(ctx.text.slice(ins.start, ins.end)),
  );
  const parsed = new Map<Instruction, ShellSource[]>();
  for (const { ins, sources } of runSources(ctx, body)) parsed.set(ins, sources);
  for (const ins of body) {
    const sources = parsed.get(ins);
    // Exec form, or a script that does not parse: the RUN as a whole.
    if (!sources) {
      if (ZONEINFO.test(ins.args.text)) return { at: ins.start, why, run: ins, removals: [] };
      continue;
    }
    for (const src of sources) {
      const m = ZONEINFO.exec(src.script.text);
      if (!m) continue;
      const at = src.span(m.index, m.index)[0];
      return { at, why, run: ins, removals: removals(src, simpleCommands(src.script)) };
    }
  }
  return undefined;
}

/** A `dpkg-reconfigure tzdata` that became an /etc/localtime link: read when the image runs. */
function linkUse(state: StageState): Use | undefined {
  const run = localtimeLinkRun(state);
  if (run === undefined) return undefined;
  return {
    at: run.start,
    why: "/etc/localtime links into /usr/share/zoneinfo (dpkg-reconfigure tzdata)",
  };
}

/** Run-time reads: `ENV TZ=Area/City`, a COPY of zone files into the stage. */
function ownUse(body: Instruction[]): Use | undefined {
  for (const ins of body) {
    if (ins.keyword === "ENV" && TZ_NAME.test(ins.args.text)) {
      return { at: ins.start, why: "TZ names a zone that musl reads from /usr/share/zoneinfo" };
    }
    if (ins.keyword === "COPY" && ZONEINFO.test(ins.args.text)) {
      const from = splitFlags(ins.args.text).flags.has("from");
      if (!from) return { at: ins.start, why: "this stage reads /usr/share/zoneinfo" };
    }
  }
  return undefined;
}

/**
 * Ruby's TZInfo (ActiveSupport, Rails) reads the zone files and fails at boot without them
 * (TZInfo::DataSourceNotFound); the Debian ruby images have them, the -alpine ones do not.
 */
function rubyUse(ctx: MigrationContext, state: StageState): Use | undefined {
  if (!state.ships || baseRepository(ctx, state.info.stage) !== "ruby") return undefined;
  return {
    at: state.info.stage.from.start,
    why: "Ruby's TZInfo (ActiveSupport, Rails) reads /usr/share/zoneinfo",
  };
}

/** A later stage's `COPY --from=<this stage> /usr/share/zoneinfo …`. */
function copiedFrom(info: StageInfo, all: StageInfo[]): Use | undefined {
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
