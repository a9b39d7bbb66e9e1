import { type ContentStamp, changeSince } from "@alpinize/repo";
import { OutputChangedError } from "./errors.js";

// One comparison for every --write: @alpinize/repo's directory writer uses the same.
export { type ContentStamp, contentStamp } from "@alpinize/repo";

/** Throws OutputChangedError when `path` no longer holds what was read ({@link changeSince}). */
export function assertUnchanged(path: string, expected: ContentStamp): void {
  const change = changeSince(path, expected);
  if (change !== undefined) throw new OutputChangedError(path, change);
}
