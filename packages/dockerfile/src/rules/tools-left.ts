import type { PackageMap } from "@alpinize/package-map";
import { lineFinder } from "../images.js";
import type { MigrationContext } from "../migrate/context.js";
import type { DebianToolLeft } from "../migrate/types.js";
import type { ParsedDockerfile } from "../parse/types.js";
import type { ArgDefault, Stage } from "../stages.js";
import { addsRepositories, installedBy } from "./apk-add-fails.js";
import { type ApkCall, apkCalls, fileValues, onbuildCalls, runOrder } from "./apk-replay.js";
import { ApkWorld } from "./apk-world.js";
import { baseProgramsOf } from "./base-programs.js";
import { alpineProviders, failsOnAlpine } from "./debian-tools.js";
import { ScopedWorlds } from "./scoped-worlds.js";
import { packageMapFor, stageRelease } from "./stage-release.js";
import { stageShellOptions } from "./stage-shell-options.js";
import { type ToolUse, toolsInRun } from "./tools-in-run.js";

/**
 * The Debian tools the RUN lines of the stages on Alpine run (`toolsInRun`) that fail there: all
 * but dpkg's and shadow's programs where apk has their Alpine package installed when the call
 * runs (`apk add dpkg` for the architecture name, `shadow` for useradd): the stage's `apk add` and
 * `apk del` calls, and those of the stages it is built FROM, are replayed in file order
 * (`ApkWorld`, as `alpinize check` replays them), so a virtual package (`--virtual .build-deps`)
 * counts from its `apk add` to the `apk del` that deletes it. An `apk add` that may not run (in an
 * `if`, `case`, loop or function, or after `||`) counts only for the calls in the same stretch:
 * `if …; then apk add shadow; fi; useradd app` fails when the branch is not taken; an `apk del`
 * there counts everywhere after it. With `releases`, an `apk add` naming a package the stage's
 * release lacks installs nothing (apk is all-or-nothing). Read from a Dockerfile as written:
 * migrate's output, as `--check` and the corpus scoreboard judge it.
 */
export function debianToolsLeftIn(
  doc: ParsedDockerfile,
  stages: readonly Stage[],
  onAlpine: (stage: Stage) => boolean,
  releases?: StageReleases,
): ToolUse[] {
  const file = { text: doc.text, doc };
  const values = fileValues(doc);
  const lineOf = lineFinder(doc.lineStarts);
  const left = new Map<Stage, ApkWorld>();
  const out: ToolUse[] = [];
  for (const stage of stages) {
    // A stage built FROM another starts with what that one left, then runs its ONBUILD RUNs.
    const parent = stage.parent ? left.get(stage.parent) : undefined;
    const index = releases && stageIndex(stage, releases);
    const worlds = new ScopedWorlds(
      parent ? parent.copy() : new ApkWorld(),
      undefined,
      baseProgramsOf(rootOf(stage).image),
      (change) => installedBy(change, index),
    );
    const apply = (call: ApkCall) =>
      worlds.apply(call.change, call.scope, { line: lineOf(call.offset) }, call.probed);
    if (stage.parent) for (const call of onbuildCalls(stage.parent, values)) apply(call);
    // `pipefail`, `set -u` in another stage change nothing here (a SHELL goes on through FROM).
    const options = stageShellOptions(file.text, stages, stage);
    for (const ins of stage.body) {
      if (ins.keyword !== "RUN") continue;
      const calls = apkCalls(file, ins, values);
      const tools = onAlpine(stage) ? toolsInRun(file, ins, options) : [];
      let next = 0;
      const replayTo = (use?: ToolUse) => {
        for (; next < calls.length && (!use || runOrder(calls[next]!, use) < 0); next++)
          apply(calls[next]!);
      };
      for (const t of tools) {
        replayTo(t);
        const world = worlds.at(t.scope);
        if (failsOnAlpine(t.tool, (pkg) => world.has(pkg))) out.push(t);
      }
      replayTo();
      // Its stretches end with it: what every branch of an `if` added holds after it.
      worlds.at([]);
    }
    left.set(stage, worlds.main);
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** What a stage's release is read from (stageRelease): migrate's target and the global ARGs. */
export interface StageReleases {
  target: string;
  globalArgs: readonly ArgDefault[];
}

/** The package index `apk add` installs from in the stage; none when alpinize cannot judge it. */
function stageIndex(stage: Stage, { target, globalArgs }: StageReleases): PackageMap | undefined {
  if (addsRepositories(stage)) return undefined;
  const release = stageRelease(stage, target, globalArgs);
  return release === undefined ? undefined : packageMapFor(release);
}

/** The stage at the bottom of a stage's `FROM earlier-stage` chain: its image is the base image. */
function rootOf(stage: Stage): Stage {
  const seen = new Set<Stage>();
  let s = stage;
  while (s.parent && !seen.has(s.parent)) {
    seen.add(s);
    s = s.parent;
  }
  return s;
}

/**
 * A warning at each Debian tool left that no rule warned at on its line (one that names it):
 * `--check` fails on it, so the user is told where and why; one whose failure a `||` catches
 * (`accepted`) fails no build, but does nothing there, which the user is told too.
 */
export function warnToolsLeft(
  ctx: MigrationContext,
  left: readonly (DebianToolLeft & { accepted?: true })[],
): void {
  if (left.length === 0) return;
  // By line, once: a file can leave thousands of tools and have thousands of warnings.
  const byLine = new Map<number, string[]>();
  for (const w of ctx.warnings) {
    const line = ctx.line(w.offset);
    const said = byLine.get(line);
    if (said) said.push(w.message);
    else byLine.set(line, [w.message]);
  }
  for (const t of left) {
    if (byLine.get(t.line)?.some((m) => m.includes(t.tool))) continue;
    const providers = alpineProviders(t.tool);
    const fix =
      providers.length > 0
        ? `install ${providers.join(" or ")} with apk add before the call and keep it installed until then (a virtual package deleted before it is gone again), or rewrite the step for Alpine`
        : "rewrite the step for Alpine by hand";
    ctx.warn(
      "apt",
      t.offset,
      t.accepted
        ? `${t.tool} is a Debian tool this Alpine stage does not have installed when this call runs, so it fails here and the || after it lets the build go on without what it does: ${fix}`
        : `${t.tool} is a Debian tool this Alpine stage does not have installed when this call runs, so this RUN fails here: ${fix}; migrate --check fails until then`,
    );
  }
}
