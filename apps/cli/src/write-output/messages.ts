import { InputError } from "@alpinize/errors";
import {
  OutputChangedError,
  OutputNotRegularError,
  OutputOwnerError,
  OutputReadOnlyError,
} from "./errors.js";

/**
 * The error for a `--write` refused by {@link OutputOwnerError}: the file and its folder may
 * well be writable, so the hint says who can write it, or what to do instead (`instead`, e.g.
 * "drop --write and apply the printed diff yourself").
 */
export function notOwnerError(
  err: OutputOwnerError,
  message: string,
  file: string,
  instead: string,
): InputError {
  const who =
    err.reason === "owner"
      ? `as the file's owner (uid ${err.fileUid}) or as root`
      : `as root, or as its owner (uid ${err.fileUid}) with group ${err.fileGid} among your groups`;
  return new InputError("ALPINIZE_WRITE_NOT_OWNER", message, {
    hint: `Run alpinize ${who}, or ${instead}.`,
    details: { file, owner: { uid: err.fileUid, gid: err.fileGid } },
    cause: err,
  });
}

/** Why a write failed, for a message: the reason in words for our own refusals, else the errno code. */
export function writeFailureReason(err: unknown): string {
  if (err instanceof OutputNotRegularError) return "not a regular file";
  if (
    err instanceof OutputReadOnlyError ||
    err instanceof OutputChangedError ||
    err instanceof OutputOwnerError
  )
    return err.message;
  return (err as NodeJS.ErrnoException).code ?? String(err);
}
