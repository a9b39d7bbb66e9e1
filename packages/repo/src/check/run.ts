import { basename, dirname, join, posix, relative, sep } from "node:path";
import { type AlpinizeError, EXIT, isAlpinizeError } from "@alpinize/errors";
import { createPackageMap, type PackageMap } from "@alpinize/package-map";
import type { RepoConfig } from "../config/types.js";
import type { MissingScript } from "../discover/missing-source.js";
import { findCopiedScripts, type GivenFile } from "../discover/scripts.js";
import { discoverFiles } from "../discover/walk.js";
import { isStageIgnored } from "../dockerfile/stage-scope.js";
import { describeStages } from "../dockerfile/stages.js";
import { installsGosu, lintScript, type ScriptTools, scriptSyntaxError } from "../lint-script.js";
import type { Transforms, TransformWarning } from "../transforms.js";
import { readTextFile } from "../workspace/files.js";
import { kindOfText, notDockerfileNorScript, readNamedFile } from "../workspace/named-file.js";
import { unreadableDirectoryMessage } from "../workspace/unreadable-dir.js";
import { apkInstalls } from "./apk-history.js";
import { migrateBaseHints } from "./base-hints.js";
import { contextLinks } from "./context-link.js";
import { checkStages } from "./dockerfile-rules.js";
import { checkExecTools } from "./exec-as-missing.js";
import { makeRecipeCalls } from "./make-recipes.js";
import { reachedOnce } from "./reached-once.js";
import { readRunScripts } from "./run-scripts.js";
import { scriptNotFound } from "./script-not-found.js";
import { checkShebang, type ScriptUse } from "./shebang.js";
import { checkShimsSource } from "./shims-source.js";
import type { CheckSettings, Finding } from "./types.js";

export interface CheckTarget {
  /** Absolute path of a directory or a file. */
  path: string;
  /** `file`: a name that does not say what it is; what it holds decides (see kindOfText). */
  kind: "directory" | "dockerfile" | "script" | "file";
}

export interface Unparsable {
  file: string;
  message: string;
  /** The stable code of the error that stopped the reading, when one did. */
  code?: string;
  /** What to do about it. */
  hint?: string;
  /** The line it stopped at, when the message does not give it as `file:line:`. */
  line?: number;
}

export interface CheckResult {
  findings: Finding[];
  /** Files that could not be read or parsed; the check is incomplete when any exist. */
  unparsable: Unparsable[];
  /** Files checked, relative paths. */
  files: string[];
  /**
   * True when Dockerfiles were read but `images.ignore` named every stage of them (scratch aside)
   * and no script was checked: nothing was actually checked.
   */
  allIgnored: boolean;
}

export interface CheckOptions {
  config: RepoConfig;
  transforms: Pick<Transforms, "lintEntrypoint">;
  /** Paths in findings are relative to this (default: the process cwd). */
  cwd?: string;
  /** Progress: Dockerfiles are counted first, then the scripts they run (`kind` says which). */
  onFile?: (file: string, index: number, total: number, kind: "dockerfile" | "script") => void;
}

/** Runs `alpinize check` over directories, Dockerfiles and scripts. */
export async function checkTargets(
  targets: CheckTarget[],
  options: CheckOptions,
): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const result: CheckResult = { findings: [], unparsable: [], files: [], allIgnored: false };
  const stageCount = { checked: 0, ignored: 0 };
  const dockerfiles: { root: string; file: string }[] = [];
  const scripts = new Set<string>();
  const gosuScripts = new Set<string>();
  // Per script: the packages every stage that runs it (or one it builds on) leaves installed.
  const installedFor = new Map<string, ReadonlySet<string>>();
  // Scripts a stage not known to be Alpine runs too, or named on the command line (run anywhere).
  const notAlpineOnly = new Set<string>();
  const shells: ScriptUse[] = [];
  // Paths given as files are followed through links; links met in a walk are not.
  const named = new Set<string>();
  // Inputs read to learn what they are: a pipe cannot be read a second time.
  const preread = new Map<string, string>();
  const read = (path: string, shown: string) =>
    preread.has(path)
      ? Promise.resolve(preread.get(path))
      : tryRead(path, shown, result, named.has(path));
  for (const target of targets) {
    if (target.kind === "directory") {
      const found = await discoverFiles(target.path);
      // A link, FIFO, socket or device is listed with the Dockerfiles so that reading it (which
      // never opens it) reports it as not checked.
      for (const file of [...found.dockerfiles, ...found.links, ...found.special].sort())
        dockerfiles.push({ root: target.path, file: join(target.path, file) });
      for (const dir of found.unreadable) {
        const shown = `${display(join(target.path, dir.path), cwd)}/`;
        result.unparsable.push({
          file: shown,
          message: unreadableDirectoryMessage(shown, dir.code),
        });
      }
    } else {
      named.add(target.path);
      let kind = target.kind;
      if (kind === "file") {
        const text = await read(target.path, display(target.path, cwd));
        if (text === undefined) {
          result.files.push(display(target.path, cwd));
          continue;
        }
        preread.set(target.path, text);
        const found = kindOfText(text, basename(target.path));
        if (found === "other") {
          const shown = display(target.path, cwd);
          result.files.push(shown);
          result.unparsable.push(notDockerfileNorScript(shown, text));
          continue;
        }
        kind = found;
      }
      if (kind === "dockerfile")
        dockerfiles.push({ root: namedRoot(target.path, cwd), file: target.path });
      else {
        scripts.add(target.path);
        notAlpineOnly.add(target.path);
      }
    }
  }
  const settings: CheckSettings = {
    skip: options.config.check.skip,
    requireDigests: options.config.check.requireDigests,
    ignoreImages: options.config.images.ignore,
  };
  const once = await reachedOnce(dockerfiles);
  const total = once.length;
  for (const [index, { root, file }] of once.entries()) {
    const shown = display(file, cwd);
    options.onFile?.(shown, index, total, "dockerfile");
    result.files.push(shown);
    const text = await read(file, shown);
    if (text === undefined) continue;
    try {
      // Before this file's own reading: migrate's run over a 4 MiB RUN of echo calls needs most
      // of a 512 MiB heap, and check's parse of it held besides ran out of it.
      const hints = migrateBaseHints(text, shown, keptStagesMap());
      const stages = describeStages(text, shown);
      // An empty file, or one with no FROM, is not a Dockerfile: checking it would pass silently.
      if (stages.length === 0) {
        result.unparsable.push({
          file: shown,
          message:
            "no FROM instruction: this is not a Dockerfile (fix it, or leave it out of the check)",
          // As migrate says of it: the same code a Dockerfile docker build refuses gets.
          code: "ALPINIZE_DOCKERFILE_SYNTAX",
          hint: "Add the FROM line if it is a Dockerfile; if not, list it in .gitignore or name the Dockerfiles to check.",
        });
        continue;
      }
      const lint = (shell: string) => options.transforms.lintEntrypoint(shell, { fileName: shown });
      const relFile = posixRelative(root, file);
      // Scripts the image runs whose COPY source is not in the build context: not checked, said so.
      const missing: MissingScript[] = [];
      // And those whose COPY source is a link out of the build context: not read, and broken.
      const outside: MissingScript[] = [];
      const found = checkStages(
        shown,
        stages,
        settings,
        hints,
        lint,
        await readRunScripts(root, relFile, stages, missing, outside),
      );
      // One by one: a RUN of 270,000 echo calls has as many findings, past what a spread into
      // push can pass on the stack.
      for (const f of found) result.findings.push(f);
      for (const stage of stages) {
        if (isStageIgnored(stage, stages, settings.ignoreImages)) stageCount.ignored++;
        else if (stage.family !== "scratch") stageCount.checked++;
      }
      // Makefiles the image gives to make: never read as scripts, but what their recipes call is said.
      const given: GivenFile[] = [];
      for (const ref of await findCopiedScripts(root, relFile, text, missing, outside, given)) {
        if (ref.role === "copied") continue;
        // Only what an Alpine image runs is checked; a stage in images.ignore is left alone.
        const runners = ref.stages
          .map((i) => stages[i])
          .filter((s) => s !== undefined)
          .filter(
            (s) => s.family === "alpine" && !isStageIgnored(s, stages, settings.ignoreImages),
          );
        if (runners.length === 0) continue;
        const path = join(root, ref.path);
        scripts.add(path);
        if (ref.stages.some((i) => stages[i]?.family !== "alpine")) notAlpineOnly.add(path);
        if (installsGosu(text)) gosuScripts.add(path);
        const installed = runners.map((s) => new Set(apkInstalls(s, stages).keys()));
        const before = installedFor.get(path);
        installedFor.set(path, common(before ? [before, ...installed] : installed));
        shells.push({ path, dockerfile: shown, line: ref.line, runners, stages });
      }
      const contexts = [...new Set([posix.dirname(relFile), "."])];
      const where = contexts.map((c) => shownFolder(join(root, c), cwd));
      result.findings.push(...scriptNotFound(shown, missing, stages, settings, where));
      result.findings.push(...contextLinks(shown, outside, stages, settings));
      for (const call of await makeRecipeCalls(root, given, stages, settings.ignoreImages, true))
        result.findings.push({ file: shown, rule: "make-recipes", severity: "warning", ...call });
    } catch (err) {
      if (!isAlpinizeError(err)) throw err;
      result.unparsable.push(unreadable(shown, err));
    }
  }
  const texts = new Map<string, string>();
  for (const [index, script] of [...scripts].entries()) {
    options.onFile?.(display(script, cwd), index, scripts.size, "script");
    const packages = installedFor.get(script);
    const text = await lintFile(script, cwd, options, result, read, {
      gosu: gosuScripts.has(script),
      shadow: packages?.has("shadow") === true,
      ...(packages ? { packages } : {}),
      alpineOnly: !notAlpineOnly.has(script),
    });
    if (text !== undefined) texts.set(script, text);
  }
  for (const use of shells) {
    const text = texts.get(use.path);
    if (text === undefined) continue;
    result.findings.push(...checkShebang(text, display(use.path, cwd), use));
    result.findings.push(...checkShimsSource(text, display(use.path, cwd), use));
    result.findings.push(...checkExecTools(text, display(use.path, cwd), use));
  }
  result.allIgnored = stageCount.ignored > 0 && stageCount.checked === 0 && scripts.size === 0;
  const seen = new Set<string>();
  result.findings = result.findings.filter((f) => {
    const key = `${f.file}:${f.line}:${f.column ?? 0}:${f.rule}:${f.message}`;
    if (options.config.check.skip.includes(f.rule) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  result.findings.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule),
  );
  return result;
}

/** Lints one script; returns its text when it could be read and parsed. */
async function lintFile(
  path: string,
  cwd: string,
  options: CheckOptions,
  result: CheckResult,
  read: (path: string, shown: string) => Promise<string | undefined>,
  installed: ScriptTools,
): Promise<string | undefined> {
  const shown = display(path, cwd);
  result.files.push(shown);
  const text = await read(path, shown);
  if (text === undefined) return undefined;
  let warnings: TransformWarning[];
  try {
    warnings = lintScript(options.transforms, text, shown, installed);
  } catch (err) {
    // A script the lint refuses (nested too deep to read) is not checked: named, the rest go on.
    if (!isAlpinizeError(err) || err.exitCode !== EXIT.BAD_INPUT) throw err;
    result.unparsable.push(unreadable(shown, err));
    return undefined;
  }
  const syntax = warnings.find((w) => w.rule === "syntax");
  if (syntax) {
    result.unparsable.push(scriptSyntaxError(shown, syntax));
    return undefined;
  }
  for (const w of warnings) {
    result.findings.push({
      file: shown,
      line: w.line,
      rule: "entrypoint-lint",
      severity: w.severity ?? "error",
      message: `${w.rule}: ${w.message}`,
    });
  }
  return text;
}

async function tryRead(
  path: string,
  shown: string,
  result: CheckResult,
  named: boolean,
): Promise<string | undefined> {
  try {
    return await (named ? readNamedFile : readTextFile)(path, shown);
  } catch (err) {
    if (!isAlpinizeError(err)) throw err;
    result.unparsable.push(unreadable(shown, err));
    return undefined;
  }
}

/** A file an error stopped reading, with the error's code, hint and line. */
function unreadable(file: string, err: AlpinizeError): Unparsable {
  const line = err.details.line;
  return {
    file,
    message: err.message,
    code: err.code,
    ...(err.hint ? { hint: err.hint } : {}),
    ...(typeof line === "number" ? { line } : {}),
  };
}

/** The names in every set (none for no sets). */
function common(sets: readonly ReadonlySet<string>[]): ReadonlySet<string> {
  const [first, ...rest] = sets;
  return new Set([...(first ?? [])].filter((name) => rest.every((set) => set.has(name))));
}

/**
 * The folder a named Dockerfile's build context is looked for in, as a directory check looks in
 * the directory given: the current directory when the file is inside it (its own folder is
 * tried first, then the current directory), else the file's own folder. A pipe, `<(cmd)` or
 * standard input (/dev, /proc) has no folder of its own: the current directory stands for it.
 */
function namedRoot(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (!rel.startsWith("..") || /^\/(?:dev|proc)\//.test(path)) return cwd;
  return dirname(path);
}

/** A folder as messages name it, with a trailing `/`: `./` for the current directory. */
function shownFolder(path: string, cwd: string): string {
  const shown = relative(cwd, path) === "" ? "." : display(path, cwd);
  return shown.endsWith("/") ? shown : `${shown}/`;
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel === "" || rel.startsWith("..") ? path : rel).split(sep).join("/");
}

function posixRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join("/");
}

let sharedMap: PackageMap | undefined;

/**
 * One package map for every file a check reads: a map per file loaded the index again and paid
 * the typo search of its unknown names anew each time (seconds on a long apt-get list).
 */
function keptStagesMap(): PackageMap {
  sharedMap ??= createPackageMap();
  return sharedMap;
}
