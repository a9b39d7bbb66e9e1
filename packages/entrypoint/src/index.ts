/** The Alpine release whose base /etc/passwd and /etc/group the `alpine-id` lint rule knows. */
export { ALPINE_BASE_RELEASE } from "@alpinize/busybox";
export { findingsLeftAfterRewrite } from "./lint/after-rewrite.js";
export { type LintFinding, type LintRule, lintEntrypoint } from "./lint/lint.js";
export { rewriteEntrypoint } from "./rewrite/rewrite.js";
export {
  DEFAULT_SHIMS_PATH,
  type RewriteEdit,
  type RewriteOptions,
  type RewriteResult,
  type RewriteWarning,
  type ShimSource,
} from "./rewrite/types.js";
export { MAX_SHELL_NESTING, SHELL_TOO_DEEP, shellTooDeep } from "./shell/nesting.js";
export {
  type ScanOptions,
  type ScanResult,
  type SimpleCommand,
  scanShell,
  type Word,
} from "./shell/scan.js";
export { readShims, SHIM_EXIT, SHIM_FUNCTIONS, type ShimFunction, shimsPath } from "./shims.js";
