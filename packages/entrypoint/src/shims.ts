import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Absolute path of the POSIX sh library (`alpinize-shims.sh`) shipped in this package. Both
 * `src/` and `dist/` sit one level below the package root, so one relative URL serves both.
 */
export const shimsPath: string = fileURLToPath(
  new URL("../shims/alpinize-shims.sh", import.meta.url),
);

let cached: string | undefined;

/** The library's text, read once. */
export function readShims(): string {
  cached ??= readFileSync(shimsPath, "utf8");
  return cached;
}

/** The functions the library defines, in the order a reader meets them in the README. */
export const SHIM_FUNCTIONS = [
  "alpinize_group_name_for_gid",
  "alpinize_user_name_for_uid",
  "alpinize_getent",
  "alpinize_ensure_group",
  "alpinize_ensure_user",
  "alpinize_add_user_to_group",
  "alpinize_user_in_group",
  "alpinize_socket_gid",
  "alpinize_exec_as",
] as const;

export type ShimFunction = (typeof SHIM_FUNCTIONS)[number];

/** Exit codes every shim function uses. */
export const SHIM_EXIT = {
  ok: 0,
  failed: 1,
  badArgument: 2,
  nameHasOtherId: 3,
  idHasOtherName: 4,
  notRootOrUnsupported: 5,
} as const;
