import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RenovateInstall } from "./renovate-install.js";
import { run } from "./run.js";

export interface LabOptions {
  /** The scratch git repository (Renovate runs inside it). */
  repo: string;
  /** Scratch space for this run's global config, cache and report. */
  workDir: string;
  /** `http://127.0.0.1:PORT` of the loopback registry. */
  registryUrl: string;
  /** `http://127.0.0.1:PORT/` of the preset server. */
  presetUrl: string;
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface LabRun {
  code: number | null;
  report: RenovateReport;
  log: LogLine[];
  stderr: string;
}

export interface ReportUpdate {
  updateType: string;
  newValue?: string;
  newDigest?: string;
  branchName?: string;
  pendingChecks?: boolean;
}

export interface ReportDep {
  datasource?: string;
  depName?: string;
  packageName?: string;
  currentValue?: string;
  currentDigest?: string;
  replaceString?: string;
  updates: ReportUpdate[];
}

export interface ReportPackageFile {
  packageFile: string;
  deps: ReportDep[];
  [key: string]: unknown;
}

export interface RenovateReport {
  repositories: Record<string, { packageFiles: Record<string, ReportPackageFile[]> }>;
}

/**
 * Test-only administrator config: the docker datasource looks everything up in the loopback
 * registry (Docker Hub spellings included, through registryAliases), and internal hosts are
 * blocked except 127.0.0.1, so nothing else can be reached by accident.
 */
export function labGlobalConfig(options: LabOptions): Record<string, unknown> {
  const registryHost = new URL(options.registryUrl).host;
  return {
    platform: "local",
    dryRun: "lookup",
    baseDir: join(options.workDir, "base"),
    cacheDir: join(options.workDir, "cache"),
    internalHostAccess: "block",
    // Renovate honours allowInternal only for a URL-prefix matchHost (or a hostType).
    hostRules: [options.registryUrl, options.presetUrl].map((url) => ({
      matchHost: new URL(url).origin,
      allowInternal: true,
    })),
    // Every Docker Hub host name, and the public mirrors of its official images, as users write
    // them in FROM lines (public.ecr.aws keeps Docker Hub's images under docker/).
    registryAliases: {
      "docker.io": registryHost,
      "index.docker.io": registryHost,
      "registry-1.docker.io": registryHost,
      "mirror.gcr.io": registryHost,
      "public.ecr.aws/docker": registryHost,
    },
    packageRules: [{ matchDatasources: ["docker"], registryUrls: [options.registryUrl] }],
    // Renovate logs the branches with their resolved config (automerge, groupName) only at
    // trace level, which is five times slower than debug: lift that one message to debug.
    logLevelRemap: [{ matchMessage: "branches", newLogLevel: "debug" }],
  };
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("RENOVATE_") && !key.startsWith("LOG_")) env[key] = value;
  }
  return { ...env, ...extra };
}

function parseLog(stdout: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const text of stdout.split("\n")) {
    if (!text.startsWith("{")) continue;
    try {
      lines.push(JSON.parse(text) as LogLine);
    } catch {
      // A log line split by a crash is not JSON; the exit code tells that story.
    }
  }
  return lines;
}

/** One offline Renovate run (`--platform=local`, lookup only) over the scratch repository. */
export async function runRenovateLab(
  install: RenovateInstall,
  options: LabOptions,
): Promise<LabRun> {
  await mkdir(options.workDir, { recursive: true });
  const configFile = join(options.workDir, "global.json");
  const reportFile = join(options.workDir, "report.json");
  await writeFile(configFile, JSON.stringify(labGlobalConfig(options), null, 2));
  const result = await run(
    install.node,
    [install.renovate, "--report-type=file", `--report-path=${reportFile}`],
    {
      cwd: options.repo,
      env: cleanEnv({
        RENOVATE_CONFIG_FILE: configFile,
        LOG_LEVEL: "debug",
        LOG_FORMAT: "json",
      }),
      timeoutMs: 300_000,
    },
  );
  await writeFile(join(options.workDir, "renovate.log"), result.stdout + result.stderr);
  const log = parseLog(result.stdout);
  let report: RenovateReport;
  try {
    report = JSON.parse(await readFile(reportFile, "utf8")) as RenovateReport;
  } catch (error) {
    const errors = log.filter((line) => line.level >= 50).map((line) => line.msg);
    throw new Error(
      `Renovate (exit ${result.code}) wrote no report: ${errors.join("; ") || result.stderr.slice(-2000)}`,
      { cause: error },
    );
  }
  return { code: result.code, report, log, stderr: result.stderr };
}
