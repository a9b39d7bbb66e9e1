import type { ContextFileRead } from "@alpinize/dockerfile";
import { AlpinizeError } from "@alpinize/errors";
import type { PackageDecision } from "@alpinize/package-map";

/** A line-anchored note from a transform or a lint. */
export interface TransformWarning {
  rule: string;
  message: string;
  line: number;
  column?: number;
  /** From lints: `error` must be fixed, `warning` should be reviewed. */
  severity?: "error" | "warning";
  /**
   * Where it points in the rewritten file (what `--write` leaves): the Dockerfile transform's own,
   * and in a repository plan every Dockerfile warning's (`placeOnOutput`).
   */
  outputLine?: number;
  outputColumn?: number;
  /**
   * The message as it reads in the file `--write` leaves, where it differs: the Dockerfile lines
   * a repository plan's own warning names (`the RUN on line 7`) moved as `outputLine` is.
   */
  outputMessage?: string;
}

export interface PackageChange extends PackageDecision {
  line: number;
  tool: string;
  written: string[];
}

export interface ImageChange {
  line: number;
  stage?: string;
  before: string;
  after: string;
  needsPin: boolean;
}

export interface DockerfileResult {
  output: string;
  changed: boolean;
  release: string;
  warnings: TransformWarning[];
  packages: PackageChange[];
  images: ImageChange[];
  /**
   * Debian tools left on a stage that is on Alpine, in a RUN the transform could not convert
   * (migrate's `debianToolsLeft`): `migrate DIR --check` fails on them as on a change.
   */
  debianToolsLeft?: { tool: string; line: number; column: number }[];
  /**
   * Names an `apk add` of a stage on Alpine keeps that the stage's release lacks (migrate's
   * `unknownPackages`): the build stops there, and `migrate DIR --check` fails on them too,
   * unless a `||` catches the call's failure (`guarded`) or the build goes on to an `apk add` after
   * it (`fallback`).
   */
  unknownPackages?: {
    name: string;
    release: string;
    line: number;
    column: number;
    guarded?: true;
    fallback?: true;
  }[];
}

export interface DockerfileOptions {
  release?: string;
  overrides?: Record<string, string[]>;
  fileName: string;
  /** A COPY source's text; `{ skipped: "outside-context" }` for a link out of the build context. */
  readContextFile?: (path: string) => ContextFileRead;
  /** A RUN that only downloads a gosu release: `keep` it (default) or install `su-exec` instead. */
  gosuDownload?: "keep" | "su-exec";
}

export interface ScriptOptions {
  fileName: string;
  /** Every image that runs the script has su-exec and no gosu: `set -- gosu` becomes su-exec. */
  execTool?: "su-exec";
  /**
   * That su-exec stops on an unknown user name as gosu does (su-exec 0.3, Alpine 3.23+): every
   * gosu call becomes su-exec, one word changed, instead of the shims' alpinize_exec_as.
   */
  execToolRefusesUnknownUser?: boolean;
}

export interface ScriptResult {
  output: string;
  changed: boolean;
  warnings: TransformWarning[];
  /** What the rewrite changed, one entry per change, for the report. */
  edits?: { rule: string; line: number; message: string }[];
}

/**
 * The single-file transforms a repository migration composes. They come from
 * `@alpinize/dockerfile` and `@alpinize/entrypoint`; tests may pass their own.
 */
export interface Transforms {
  migrateDockerfile(text: string, options: DockerfileOptions): DockerfileResult;
  rewriteEntrypoint(text: string, options: ScriptOptions): ScriptResult;
  lintEntrypoint(text: string, options: { fileName: string }): TransformWarning[];
  /** Throws an InputError (exit 2) for a release the transforms do not know. */
  assertRelease?(release: string): void;
}

export class TransformUnavailableError extends AlpinizeError {
  constructor(what: string, pkg: string) {
    super("ALPINIZE_REPO_TRANSFORM_MISSING", `${what} is not available in this build of ${pkg}`, {
      exitCode: 70,
      hint: `Rebuild alpinize (pnpm build); ${pkg} must export ${what}.`,
    });
  }
}
