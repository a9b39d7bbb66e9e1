import { posix } from "node:path";
import { isAlpinizeError } from "@alpinize/errors";
import { DEFAULT_RELEASE } from "@alpinize/package-map";
import { makeRecipeCalls } from "../check/make-recipes.js";
import type { GosuMode, RepoConfig } from "../config/types.js";
import type { MissingScript } from "../discover/missing-source.js";
import { findCopiedScripts, type GivenFile, type ScriptReference } from "../discover/scripts.js";
import { discoverFiles } from "../discover/walk.js";
import { describeStages, type StageInfo } from "../dockerfile/stages.js";
import { installsGosu } from "../lint-script.js";
import { detectRisks } from "../risks/detect.js";
import type { SourceFile } from "../risks/types.js";
import type { Transforms } from "../transforms.js";
import type { ContentStamp } from "../workspace/stamp.js";
import { unreadableDirectoryMessage } from "../workspace/unreadable-dir.js";
import { contextReader } from "./context.js";
import { contextLinkWarnings } from "./context-links.js";
import { RunDecisionSum } from "./decision-sum.js";
import { ensureExecBackends } from "./exec-backend.js";
import { hintOf, internalFailure } from "./failures.js";
import { dropDoneGosuAdvice } from "./gosu-advice.js";
import { holdRefusedGroups } from "./held-groups.js";
import { withoutIgnoredStages } from "./ignore-images.js";
import { mapLinesToOriginal } from "./line-map.js";
import { findImageMentions } from "./mentions.js";
import { missingScriptWarnings } from "./missing-scripts.js";
import { muslIntoGlibc } from "./musl-copies.js";
import { placeOnOutput } from "./output-lines.js";
import { planScript } from "./plan-script.js";
import { readOrSkip, skipLinks } from "./read-or-skip.js";
import { unreadRunScripts } from "./run-scripts-unread.js";
import { scriptScope } from "./script-scope.js";
import {
  installedEverywhere,
  installsShadow,
  suExecRefusesUnknownUser,
  switchesWithSuExec,
} from "./script-tools.js";
import { settleRisks } from "./settle-risks.js";
import { ensureShadow } from "./shadow-package.js";
import type { FilePlan, PlanProgress, RepoPlan } from "./types.js";

export { INTERNAL_FAILURE } from "./failures.js";

export interface PlanOptions {
  config: RepoConfig;
  transforms: Transforms;
  /** Overrides `config.alpine` (`--alpine`). */
  release?: string;
  /** Overrides `config.migrate.gosu` (`--gosu`). */
  gosu?: GosuMode;
  onProgress?: PlanProgress;
  /** The package decisions the run's Dockerfiles may sum to (`MAX_PACKAGE_DECISIONS`). */
  maxPackageDecisions?: number;
}

/**
 * Works out everything `alpinize migrate DIR` would change, without writing: each Dockerfile
 * through the Dockerfile transform, each script they run through the entrypoint transform, the
 * compose files and workflows naming the same base images, and the risks. A file that cannot be
 * parsed is listed in `unparsable` and gets no plan, so it is never touched.
 */
export async function planRepository(root: string, options: PlanOptions): Promise<RepoPlan> {
  const { config, transforms } = options;
  const release = options.release ?? config.alpine;
  if (release !== undefined) transforms.assertRelease?.(release);
  const found = await discoverFiles(root);
  const plan: RepoPlan = {
    root,
    release: release ?? "",
    ...(release === undefined ? { defaultRelease: true as const } : {}),
    config,
    files: [],
    unparsable: [],
    skipped: [],
    mentions: [],
    risks: [],
    ignored: found.ignored,
    inputs: [...found.ignoreFiles],
    pins: [],
  };
  for (const dir of found.unreadable)
    plan.unparsable.push({
      file: dir.path,
      message: unreadableDirectoryMessage(dir.path, dir.code),
      code: "ALPINIZE_REPO_UNREADABLE",
    });
  const sources: SourceFile[] = [];
  const scripts = new Map<string, ScriptReference[]>();
  const gosuScripts = new Set<string>();
  const stagesOf = new Map<string, StageInfo[]>();
  const stagesAfterOf = new Map<string, StageInfo[]>();
  const gosuAfter = new Set<string>();
  // What each file held when read: --write leaves alone one that changed during the run.
  const stamps = new Map<string, ContentStamp>();
  // A FIFO, socket or device named like a Dockerfile is tried too: reading refuses it as skipped.
  const dockerfiles = [...found.dockerfiles, ...found.special].sort();
  const total = dockerfiles.length;
  const decisions = new RunDecisionSum(options.maxPackageDecisions);
  for (const [index, file] of dockerfiles.entries()) {
    if (decisions.passed) {
      plan.unparsable.push(decisions.notPlanned(file));
      continue;
    }
    options.onProgress?.(file, index, total, "dockerfile");
    const before = await readOrSkip(root, file, plan, stamps);
    if (before === undefined) continue;
    const filePlan = planDockerfile(root, file, before, release, options, plan);
    if (!filePlan) continue;
    // Refused before it is kept: its plan is what the run could not hold.
    const refused = decisions.add(filePlan);
    if (refused) {
      plan.unparsable.push(refused);
      continue;
    }
    plan.files.push(filePlan);
    sources.push({ file, kind: "dockerfile", text: before });
    if (filePlan.stagesBefore) stagesOf.set(file, filePlan.stagesBefore);
    if (filePlan.stagesAfter) stagesAfterOf.set(file, filePlan.stagesAfter);
    if (installsGosu(filePlan.after)) gosuAfter.add(file);
    if (!plan.release && filePlan.result) plan.release = filePlan.result.release;
    const gosu = installsGosu(before);
    const missing: MissingScript[] = [];
    // Scripts behind a link out of the build context: warned at, not listed as skipped links.
    const outside: MissingScript[] = [];
    const given: GivenFile[] = [];
    for (const ref of await findCopiedScripts(root, file, before, missing, outside, given)) {
      scripts.set(ref.path, [...(scripts.get(ref.path) ?? []), ref]);
      if (gosu) gosuScripts.add(ref.path);
    }
    await unreadRunScripts(root, file, before, filePlan, missing, outside);
    filePlan.warnings.push(...missingScriptWarnings(missing, filePlan, config.images.ignore));
    filePlan.warnings.push(...contextLinkWarnings(outside, filePlan, config.images.ignore));
    const stagesAfter = filePlan.stagesAfter ?? [];
    for (const call of await makeRecipeCalls(root, given, stagesAfter, config.images.ignore))
      filePlan.warnings.push({ rule: "make-recipes", ...call });
  }
  for (const [index, [path, refs]] of [...scripts].entries()) {
    options.onProgress?.(path, index, scripts.size, "script");
    const scope = scriptScope(refs, stagesOf, config.images.ignore);
    // Run as ENTRYPOINT or CMD by an image the migration covers: it would have been rewritten.
    const runs = scope !== "ignored" && refs.some((r) => r.role !== "copied");
    const before = await readOrSkip(root, path, plan, stamps, runs);
    if (before === undefined) continue;
    // A script only ignored images run is not part of the migration, nor of its risks.
    if (scope !== "ignored") sources.push({ file: path, kind: "script", text: before });
    const scriptPlan = planScript(path, before, refs, scope, transforms, plan.unparsable, {
      gosu: gosuScripts.has(path),
      shadow: installsShadow(refs, stagesAfterOf),
      packages: installedEverywhere(refs, stagesAfterOf),
      suExec: switchesWithSuExec(refs, stagesAfterOf, gosuAfter),
      suExecRefusesUnknownUser: suExecRefusesUnknownUser(refs, stagesAfterOf),
    });
    if (scriptPlan) plan.files.push(scriptPlan);
  }
  // A script that could not be rewritten keeps the Dockerfiles that run it as they are.
  holdRefusedGroups(plan, scripts);
  skipLinks(root, found.links, plan);
  // Known only now: which migrated images run a script that drops privileges with the shim.
  ensureExecBackends(plan, scripts);
  // Likewise which of them still call useradd, userdel… that the shims could not stand in for.
  ensureShadow(plan, scripts, transforms);
  // And whether any script that calls gosu is left for the user to change.
  dropDoneGosuAdvice(plan, scripts, transforms);
  // Last, once nothing adds lines any more: where each warning is in the file --write leaves.
  placeOnOutput(plan);
  if (!plan.release) plan.release = DEFAULT_RELEASE;
  for (const file of plan.files) {
    const stamp = stamps.get(file.file);
    if (stamp) file.stamp = stamp;
  }
  plan.mentions = await findImageMentions(root, found, plan.files, plan.skipped);
  plan.risks = settleRisks(plan, detectRisks(sources, { release: plan.release }));
  return plan;
}

function planDockerfile(
  root: string,
  file: string,
  before: string,
  release: string | undefined,
  options: PlanOptions,
  plan: Pick<RepoPlan, "unparsable" | "inputs">,
): FilePlan | undefined {
  const { unparsable } = plan;
  try {
    const stagesBefore = describeStages(before, file);
    const raw = options.transforms.migrateDockerfile(before, {
      fileName: file,
      ...(release ? { release } : {}),
      overrides: options.config.packages.overrides,
      gosuDownload: options.gosu ?? options.config.migrate.gosu,
      readContextFile: contextReader(root, {
        contexts: [posix.dirname(file), "."],
        onRead: (path) => plan.inputs.push(path),
      }),
    });
    const filtered = withoutIgnoredStages(before, raw, stagesBefore, options.config.images.ignore);
    if (!filtered) {
      unparsable.push({
        file,
        message: `${file}: images.ignore names a stage here, and the changes to the other stages cannot be separated from it; file left unchanged`,
        code: "ALPINIZE_REPO_IGNORED_STAGE",
      });
      return undefined;
    }
    const { result, kept } = filtered;
    const stagesAfter = describeStages(result.output, file);
    // Found on the output (where the kept stage is still glibc), reported on the file's own lines.
    const toOriginal = mapLinesToOriginal(before, result.output);
    // migrate warns itself about musl programs copied into a stage it keeps: one warning a line.
    const warned = new Set(result.warnings.filter((w) => w.rule === "glibc").map((w) => w.line));
    const musl = muslIntoGlibc(stagesAfter, options.config.images.ignore)
      .map((w) => ({ ...w, line: toOriginal(w.line), outputLine: w.line }))
      .filter((w) => !warned.has(w.line));
    return {
      file,
      kind: "dockerfile",
      before,
      after: result.output,
      changed: result.output !== before,
      warnings: [...result.warnings, ...musl],
      result,
      stagesBefore,
      stagesAfter,
      ...(kept.length > 0 ? { keptImages: kept } : {}),
    };
  } catch (err) {
    if (!isAlpinizeError(err) || err.exitCode !== 2) {
      unparsable.push(internalFailure(file, err));
      return undefined;
    }
    // Errors of a RUN's shell text (nested too deep to read) do not say which file.
    const message = err.message.startsWith(`${file}:`) ? err.message : `${file}: ${err.message}`;
    unparsable.push({ file, message, code: err.code, ...hintOf(err) });
    return undefined;
  }
}
