/** Where the rewritten script gets the shims from. */
export type ShimSource = { path: string } | "inline";

export interface RewriteOptions {
  shimSource?: ShimSource;
  /**
   * The program the image switches users with, when the caller knows it (the Dockerfile installs
   * su-exec and no gosu). `set -- gosu USER "$@"` … `exec "$@"` needs a program, not the shims'
   * function, so a literal gosu at the head of `set --` becomes this program.
   */
  execTool?: "su-exec";
}

/** Where a shim library is sourced from when the caller does not say. */
export const DEFAULT_SHIMS_PATH = "/usr/local/lib/alpinize-shims.sh";

export interface RewriteEdit {
  /** Stable rule id, e.g. `groupadd`, `usermod-append`, `gosu`, `source-shims`. */
  rule: string;
  /** 1-based position of the change in the input. */
  line: number;
  column: number;
  before: string;
  after: string;
  message: string;
}

export interface RewriteWarning {
  rule: string;
  line: number;
  column: number;
  message: string;
}

export interface RewriteResult {
  output: string;
  changed: boolean;
  edits: RewriteEdit[];
  warnings: RewriteWarning[];
}
