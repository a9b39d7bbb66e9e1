import type { MigrationContext } from "../migrate/context.js";
import type { ParsedDockerfile } from "../parse/types.js";
import type { ArgDefault, Stage } from "../stages.js";
import { addsRepositories, missingNames } from "./apk-add-fails.js";
import { type CallGuard, callGuards } from "./apk-call-guards.js";
import { apkCalls, fileValues } from "./apk-replay.js";
import { packageMapFor, stageRelease } from "./stage-release.js";
import { stageShellOptions } from "./stage-shell-options.js";

/** A name an `apk add` of a stage on Alpine asks for that the stage's release lacks. */
export interface UnknownPackageUse {
  name: string;
  release: string;
  /** Where the `apk` of the call is written. */
  offset: number;
  /**
   * `guarded`: a `||` (or an if) catches the call's failure, the build goes on without it;
   * `fallback`: the build goes on to an `apk add` that runs after its failure. Neither stops the
   * build: a warning only.
   */
  guard?: CallGuard;
}

/**
 * The names the `apk add` calls of the stages on Alpine ask for that the stage's release does
 * not have in main or community (`apkHas`): the build stops there, as `alpinize check`'s
 * apk-unknown-package says. The release is the one the stage's FROM names (`alpine:3.22`,
 * `-alpine3.22`), else `target` (what migrate moved the stage to); a release alpinize has no
 * index for is not judged. Not judged either: calls with `-X`/`--repository`/
 * `--repositories-file`, stages that (or whose parents) write /etc/apk/repositories,
 * `name@tag`, `so:`/`cmd:`/`pc:` provides, variables, files.
 */
export function unknownPackagesIn(
  doc: ParsedDockerfile,
  stages: readonly Stage[],
  onAlpine: (stage: Stage) => boolean,
  target: string,
  globalArgs: readonly ArgDefault[],
): UnknownPackageUse[] {
  const file = { text: doc.text, doc };
  const values = fileValues(doc);
  const out: UnknownPackageUse[] = [];
  for (const stage of stages) {
    if (!onAlpine(stage) || addsRepositories(stage)) continue;
    const release = stageRelease(stage, target, globalArgs);
    if (release === undefined) continue;
    const map = packageMapFor(release);
    for (const ins of stage.body) {
      if (ins.keyword !== "RUN") continue;
      let guards: Map<number, CallGuard> | undefined;
      for (const call of apkCalls(file, ins, values)) {
        for (const name of missingNames(call.change, map)) {
          guards ??= callGuards(file, ins, stageShellOptions(file.text, stages, stage));
          const guard = guards.get(call.offset);
          out.push({ name, release, offset: call.offset, ...(guard ? { guard } : {}) });
        }
      }
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/**
 * A warning at each `apk add` that keeps names its release lacks, naming those no warning on
 * its line names yet (migrate's "no Alpine package known for X; kept as written" does): `--check`
 * fails on them, so the user is told where and why.
 */
export function warnUnknownPackages(
  ctx: MigrationContext,
  left: readonly {
    name: string;
    release: string;
    offset: number;
    guarded?: true;
    fallback?: true;
  }[],
): void {
  if (left.length === 0) return;
  const said = new Map<number, string[]>();
  for (const w of ctx.warnings) {
    const line = ctx.line(w.offset);
    said.set(line, [...(said.get(line) ?? []), w.message]);
  }
  const byCall = new Map<number, { release: string; names: string[]; guard?: CallGuard }>();
  for (const u of left) {
    if (said.get(ctx.line(u.offset))?.some((m) => m.includes(u.name))) continue;
    const guard: CallGuard | undefined = u.guarded
      ? "guarded"
      : u.fallback
        ? "fallback"
        : undefined;
    const call = byCall.get(u.offset) ?? { release: u.release, names: [], guard };
    call.names.push(u.name);
    byCall.set(u.offset, call);
  }
  for (const [offset, { release, names, guard }] of byCall)
    ctx.warn(
      "apt",
      offset,
      `${names.join(", ")} ${names.length === 1 ? "is" : "are"} not in Alpine ${release} (main, community) as far as alpinize's package index knows, ${GUARD_OUTCOME[guard ?? "none"]}`,
    );
}

/** What a missing name does to the build, by how the call's failure is taken. */
const GUARD_OUTCOME: Record<CallGuard | "none", string> = {
  none: "so this RUN fails here (apk add installs nothing when one name is missing): pick the Alpine name (alpinize packages map DEBIAN-NAME) or add the repository that has it (apk add -X URL); migrate --check fails until then",
  guarded:
    "so this apk add fails and installs nothing, and the RUN goes on without it (its failure is caught): pick the Alpine name (alpinize packages map DEBIAN-NAME) if the image needs it",
  fallback:
    "so this apk add fails and installs nothing, and the build goes on to the fallback apk add that runs after its failure (its names judged on their own): pick the Alpine name (alpinize packages map DEBIAN-NAME) if the first call is the one meant to run",
};
