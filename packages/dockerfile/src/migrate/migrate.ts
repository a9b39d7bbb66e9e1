import { InputError } from "@alpinize/errors";
import { maskPasswords } from "@alpinize/image-ref";
import { createPackageMap, KNOWN_RELEASES } from "@alpinize/package-map";
import { applyEdits, mergeRootBlocks } from "../edits.js";
import { parseDockerfile, parseWithoutSizeLimit } from "../parse/dockerfile.js";
import { DockerfileSyntaxError } from "../parse/errors.js";
import type { Instruction, ParsedDockerfile } from "../parse/types.js";
import { flagContextLinks } from "../rules/context-links.js";
import { migrateFromLines } from "../rules/from.js";
import { flagInheritedGosu } from "../rules/gosu.js";
import { resetNestedBudget } from "../rules/nested.js";
import { assertShellStringsBounded } from "../rules/nested-limit.js";
import { flagNginxConfD } from "../rules/nginx-conf.js";
import { MAX_PACKAGE_DECISIONS, PackageDecisionBudget } from "../rules/package-limit.js";
import { pinAlpineReleases } from "../rules/pin-release.js";
import { setupScriptsLeftIn } from "../rules/setup-left.js";
import { addSshHostKeys } from "../rules/ssh-host-keys.js";
import { dropDebianFrontend, migrateStage } from "../rules/stage.js";
import type { StageInfo } from "../rules/stage-info.js";
import { packageMapFor, stageRelease } from "../rules/stage-release.js";
import { debianToolsLeftIn, warnToolsLeft } from "../rules/tools-left.js";
import { unknownPackagesIn, warnUnknownPackages } from "../rules/unknown-packages.js";
import { analyzeStages } from "../stages.js";
import { MigrationContext } from "./context.js";
import {
  inputOffsetMapper,
  lineStartsOf,
  outputOffsetMapper,
  positionIn,
} from "./output-position.js";
import type { DebianToolLeft, MigrateOptions, MigrateResult, UnknownPackageLeft } from "./types.js";

/** Checks a release string against the releases the package data covers. */
export function assertKnownRelease(release: string): void {
  if (!(KNOWN_RELEASES as readonly string[]).includes(release)) {
    throw new InputError("ALPINIZE_RELEASE_UNKNOWN", `unknown Alpine release "${release}"`, {
      hint: `Use one of: ${KNOWN_RELEASES.join(", ")}.`,
      details: { release },
    });
  }
}

/** docker build refuses a file with no FROM, or with a step before the first FROM (ARG aside). */
function assertStartsWithFrom(instructions: readonly Instruction[], fileName: string): void {
  const first = instructions.find((i) => i.keyword !== "ARG");
  if (first === undefined) {
    throw new DockerfileSyntaxError(1, "no FROM instruction: this is not a Dockerfile", fileName);
  }
  if (first.keyword !== "FROM") {
    throw new DockerfileSyntaxError(
      first.line,
      `${first.keyword} before the first FROM (only ARG may come before it)`,
      fileName,
    );
  }
}

/**
 * Rewrites a Debian/Ubuntu Dockerfile for Alpine with minimal edits. Pure and synchronous: the
 * same input and options always give the same result, and nothing is read or written.
 */
export function migrateDockerfile(text: string, options: MigrateOptions = {}): MigrateResult {
  const fileName = options.fileName ?? "Dockerfile";
  const release = options.release ?? options.packageMap?.release;
  if (release !== undefined) assertKnownRelease(release);
  const packageMap = options.packageMap ?? createPackageMap(release ? { release } : {});
  const doc = parseDockerfile(text, { fileName });
  assertStartsWithFrom(doc.instructions, fileName);
  resetNestedBudget();
  const ctx = new MigrationContext(
    doc,
    packageMap,
    release ?? packageMap.release,
    options.readContextFile,
  );
  // Before any rule reads the strings: past the count they run the heap out part way.
  assertShellStringsBounded(ctx, fileName);
  ctx.packageBudget = new PackageDecisionBudget(fileName, MAX_PACKAGE_DECISIONS);
  if (options.gosuDownload) ctx.gosuDownload = options.gosuDownload;
  if (options.migratesScripts) ctx.migratesScripts = true;
  const model = analyzeStages(doc);
  const infos = migrateFromLines(ctx, model);
  if (infos.some((i) => i.alpine)) {
    const firstFrom = model.stages[0]?.from.start ?? Number.POSITIVE_INFINITY;
    for (const arg of doc.instructions) {
      if (arg.keyword === "ARG" && arg.start < firstFrom) dropDebianFrontend(ctx, arg);
    }
  }
  for (const info of infos) {
    // A stage already on an older Alpine tag keeps it: its names are that release's.
    const own = info.already ? stageRelease(info.stage, ctx.release, model.globalArgs) : undefined;
    if (own === undefined || own === ctx.release) migrateStage(ctx, info, infos);
    else ctx.inRelease(own, packageMapFor(own), () => migrateStage(ctx, info, infos));
  }
  flagInheritedGosu(ctx, infos);
  addSshHostKeys(ctx, infos);
  flagNginxConfD(ctx, infos);
  // Last: which packages each stage installs is known only once every stage is converted.
  pinAlpineReleases(ctx, infos);
  // After every rule that reads copied files: which of them the reader refused is known now.
  flagContextLinks(ctx);
  const merged = mergeRootBlocks(ctx.edits);
  const output = applyEdits(text, merged);
  const edits = [...merged]
    .sort((a, b) => a.start - b.start)
    .map((e) => ({
      rule: e.rule,
      ...ctx.position(e.start),
      start: e.start,
      end: e.end,
      before: text.slice(e.start, e.end),
      after: e.text,
    }));
  // The rules are done with the parsed RUN scripts: let them go before the output is parsed.
  ctx.scripts.clear();
  const toInput = inputOffsetMapper(merged);
  // Only the input is untrusted: the output may grow past the input limit (`echo "\t"` becomes
  // `echo -e "\t"`, debian:12 becomes alpine:3.23), and that is no fault of the input's.
  const outputDoc = output === ctx.text ? ctx.doc : parseWithoutSizeLimit(output, fileName);
  const left = toolsLeft(ctx, outputDoc, infos, toInput);
  const unknownPackages = packagesLeft(ctx, outputDoc, infos, toInput);
  // A call whose failure a `||` catches does not stop the build: a warning, never a tool left.
  const setups = setupsLeft(ctx, outputDoc, infos, toInput);
  const kept = keptAsIs(ctx);
  const debianToolsLeft = [
    ...left.filter((t) => !t.accepted || kept.has(t.offset)).map(({ accepted: _, ...t }) => t),
    ...setups,
  ].sort((a, b) => a.offset - b.offset);
  // Before the warnings are read out: a tool left that no rule warned at gets a warning here.
  warnToolsLeft(ctx, left);
  warnUnknownPackages(ctx, unknownPackages);
  const toOutput = outputOffsetMapper(merged);
  const outputStarts = lineStartsOf(output);
  const byLine = <T extends { line: number }>(xs: T[]) => [...xs].sort((a, b) => a.line - b.line);
  return {
    output,
    changed: output !== text,
    release: ctx.release,
    edits,
    // A warning quoting a word of the file (`apt-get install https://u:pw@host/x.deb`) is printed,
    // written to --json and to the report: its `user:password@` never is.
    warnings: byLine(ctx.warnings).map((w) => {
      const at = positionIn(outputStarts, toOutput(w.offset));
      return {
        ...w,
        message: maskPasswords(w.message),
        outputLine: at.line,
        outputColumn: at.column,
      };
    }),
    packages: byLine(ctx.packages),
    images: ctx.images,
    debianToolsLeft,
    unknownPackages,
  };
}

/**
 * Where the users rule left a call inside a pipeline as is (`useradd app | cat`): the pipe lets
 * the build go on, but the user or group the image needs is never made, so such a call counts as
 * a Debian tool left whatever guards it. A call left for its options (`useradd -Z x app || true`)
 * still reads its `||` as alpinize check does.
 */
function keptAsIs(ctx: MigrationContext): ReadonlySet<number> {
  return new Set(
    ctx.warnings
      .filter((w) => w.rule === "users" && w.message.endsWith(" inside a pipeline left as is"))
      .map((w) => w.offset),
  );
}

/**
 * The Debian tools the output still runs on its stages on Alpine, judged on the output as
 * `--check` and the corpus scoreboard judge a file: whatever the rules left, converted RUN lines
 * and RUN lines they cannot convert alike. The stages are the input's, one for one.
 */
function toolsLeft(
  ctx: MigrationContext,
  doc: ParsedDockerfile,
  infos: readonly StageInfo[],
  toInput: (offset: number) => number,
): (DebianToolLeft & { accepted?: true })[] {
  const outputStarts = doc.lineStarts;
  const model = analyzeStages(doc);
  const left = debianToolsLeftIn(doc, model.stages, (s) => infos[s.index]?.alpine ?? false, {
    target: ctx.release,
    globalArgs: model.globalArgs,
  });
  return left.map(({ tool, offset, accepted }) => {
    const at = toInput(offset);
    const out = positionIn(outputStarts, offset);
    return {
      ...(accepted ? { accepted } : {}),
      tool,
      offset: at,
      ...ctx.position(at),
      outputLine: out.line,
      outputColumn: out.column,
    };
  });
}

/**
 * The vendor setup scripts (nodesource's, get.docker.com) the output still runs on its stages on
 * Alpine: each runs apt-get or stops there, so the RUN fails as one running apt-get would, and
 * `--check` fails on it. Rule 11 kept the step (never dropped silently); this says it fails.
 */
function setupsLeft(
  ctx: MigrationContext,
  doc: ParsedDockerfile,
  infos: readonly StageInfo[],
  toInput: (offset: number) => number,
): DebianToolLeft[] {
  const found = setupScriptsLeftIn(
    doc,
    analyzeStages(doc).stages,
    (s) => infos[s.index]?.alpine ?? false,
  );
  return found.map(({ what, why, instead, offset }) => {
    const at = toInput(offset);
    ctx.warn(
      "apt",
      at,
      `this RUN runs ${what} on Alpine, so it fails here (${why}); migrate --check fails until the step is replaced: ${instead}`,
    );
    const out = positionIn(doc.lineStarts, offset);
    return {
      tool: what,
      offset: at,
      ...ctx.position(at),
      outputLine: out.line,
      outputColumn: out.column,
    };
  });
}

/**
 * The names the output's `apk add` calls on Alpine stages ask for that the release lacks
 * (unknownPackagesIn), placed in the input and the output like the tools left.
 */
function packagesLeft(
  ctx: MigrationContext,
  doc: ParsedDockerfile,
  infos: readonly StageInfo[],
  toInput: (offset: number) => number,
): UnknownPackageLeft[] {
  const model = analyzeStages(doc);
  const found = unknownPackagesIn(
    doc,
    model.stages,
    (s) => infos[s.index]?.alpine ?? false,
    ctx.release,
    model.globalArgs,
  );
  return found.map(({ name, release, offset, guard }) => {
    const at = toInput(offset);
    const out = positionIn(doc.lineStarts, offset);
    return {
      name,
      release,
      ...(guard === "guarded" ? { guarded: true as const } : {}),
      ...(guard === "fallback" ? { fallback: true as const } : {}),
      offset: at,
      ...ctx.position(at),
      outputLine: out.line,
      outputColumn: out.column,
    };
  });
}
