import { join, relative, sep } from "node:path";
import { isAlpinizeError } from "@alpinize/errors";
import type { RepoConfig } from "../config/types.js";
import { findCopiedScripts } from "../discover/scripts.js";
import { discoverFiles } from "../discover/walk.js";
import { describeStages } from "../dockerfile/stages.js";
import { lintScript } from "../lint-script.js";
import type { Transforms } from "../transforms.js";
import { readTextFile } from "../workspace/files.js";
import { checkStages } from "./dockerfile-rules.js";
import type { CheckSettings, Finding } from "./types.js";

export interface CheckTarget {
  /** Absolute path of a directory or a file. */
  path: string;
  kind: "directory" | "dockerfile" | "script";
}

export interface Unparsable {
  file: string;
  message: string;
}

export interface CheckResult {
  findings: Finding[];
  /** Files that could not be read or parsed; the check is incomplete when any exist. */
  unparsable: Unparsable[];
  /** Files checked, relative paths. */
  files: string[];
}

export interface CheckOptions {
  config: RepoConfig;
  transforms: Pick<Transforms, "lintEntrypoint">;
  /** Paths in findings are relative to this (default: the process cwd). */
  cwd?: string;
  onFile?: (file: string, index: number, total: number) => void;
}

/** Runs `alpinize check` over directories, Dockerfiles and scripts. */
export async function checkTargets(
  targets: CheckTarget[],
  options: CheckOptions,
): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const result: CheckResult = { findings: [], unparsable: [], files: [] };
  const dockerfiles: { root: string; file: string }[] = [];
  const scripts = new Set<string>();
  for (const target of targets) {
    if (target.kind === "directory") {
      const found = await discoverFiles(target.path);
      for (const file of found.dockerfiles)
        dockerfiles.push({ root: target.path, file: join(target.path, file) });
    } else if (target.kind === "dockerfile") dockerfiles.push({ root: cwd, file: target.path });
    else scripts.add(target.path);
  }
  const settings: CheckSettings = {
    skip: options.config.check.skip,
    requireDigests: options.config.check.requireDigests,
    ignoreImages: options.config.images.ignore,
  };
  const total = dockerfiles.length;
  for (const [index, { root, file }] of dockerfiles.entries()) {
    const shown = display(file, cwd);
    options.onFile?.(shown, index, total);
    result.files.push(shown);
    const text = await tryRead(file, shown, result);
    if (text === undefined) continue;
    try {
      const stages = describeStages(text, shown);
      result.findings.push(...checkStages(shown, stages, settings));
      if (!stages.some((s) => s.family === "alpine")) continue;
      const relFile = posixRelative(root, file);
      for (const ref of await findCopiedScripts(root, relFile, text)) {
        if (ref.role !== "copied") scripts.add(join(root, ref.path));
      }
    } catch (err) {
      if (!isAlpinizeError(err)) throw err;
      result.unparsable.push({ file: shown, message: err.message });
    }
  }
  for (const script of scripts) await lintFile(script, cwd, options, result);
  const seen = new Set<string>();
  result.findings = result.findings.filter((f) => {
    const key = `${f.file}:${f.line}:${f.rule}:${f.message}`;
    if (options.config.check.skip.includes(f.rule) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  result.findings.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule),
  );
  return result;
}

async function lintFile(
  path: string,
  cwd: string,
  options: CheckOptions,
  result: CheckResult,
): Promise<void> {
  const shown = display(path, cwd);
  result.files.push(shown);
  const text = await tryRead(path, shown, result);
  if (text === undefined) return;
  for (const w of lintScript(options.transforms, text, shown)) {
    result.findings.push({
      file: shown,
      line: w.line,
      rule: "entrypoint-lint",
      severity: w.severity ?? "error",
      message: `${w.rule}: ${w.message}`,
    });
  }
}

async function tryRead(
  path: string,
  shown: string,
  result: CheckResult,
): Promise<string | undefined> {
  try {
    return await readTextFile(path, shown);
  } catch (err) {
    if (!isAlpinizeError(err)) throw err;
    result.unparsable.push({ file: shown, message: err.message });
    return undefined;
  }
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel === "" || rel.startsWith("..") ? path : rel).split(sep).join("/");
}

function posixRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join("/");
}
