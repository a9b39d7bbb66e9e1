import {
  DANGLING_LINK_HINT,
  danglingLink,
  fsReason,
  isLinkLoop,
  LINK_LOOP_HINT,
} from "@alpinize/errors";
import { danglingLinkTarget } from "./dangling-link.js";

/** Why a path could not be read when a symbolic link is to blame, worded for a message. */
export interface LinkFailure {
  /** "dangling symbolic link (to …, which does not exist)" or the link-loop wording. */
  reason: string;
  hint: string;
  /** The missing name a dangling link points to, as the last link spells it. */
  target?: string;
}

/**
 * After a failed open or stat of `path`: a link loop (`err` is ELOOP) or a dangling link (`err`
 * is ENOENT, or left out when the caller already knows the path is missing) as reason and hint,
 * so every command names them alike. Undefined for anything else: the caller words it.
 */
export function linkFailure(path: string, err?: unknown): LinkFailure | undefined {
  if (isLinkLoop(err)) return { reason: fsReason(err), hint: LINK_LOOP_HINT };
  if (err !== undefined && (err as NodeJS.ErrnoException | null)?.code !== "ENOENT")
    return undefined;
  const target = danglingLinkTarget(path);
  if (target === undefined) return undefined;
  return { reason: danglingLink(target), hint: DANGLING_LINK_HINT, target };
}
