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
  /**
   * With `execTool: "su-exec"`: that su-exec stops on a user or group name missing from the
   * files, as gosu does (su-exec 0.3: Alpine 3.23 and later). Then a gosu call becomes the same
   * call to su-exec, which takes gosu's USER[:GROUP] CMD… with gosu's meaning (rule
   * `gosu-su-exec`, no shims loaded for it). su-exec 0.2 (Alpine 3.21 and 3.22) runs CMD as
   * root when the user name is unknown, so without this the call becomes `alpinize_exec_as`,
   * which stops there.
   */
  execToolRefusesUnknownUser?: boolean;
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
