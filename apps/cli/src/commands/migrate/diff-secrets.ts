import { maskPasswords } from "@alpinize/image-ref";

export const MASKED_DIFF =
  "the diff shows ***@ where the file has user:password@ (credentials are never printed), so it does not apply with patch as printed: use --write";

/**
 * The diff with every `user:password@` part of a word shown as `***@` (a FROM with credentials,
 * a `git clone https://user:token@host/…` in a RUN). A user name alone (`git@github.com:o/r`) is
 * no secret and stays, so most diffs still apply as printed. `masked` says whether any line
 * changed: such a diff no longer applies with patch.
 */
export function maskDiffSecrets(diff: string): { text: string; masked: boolean } {
  const text = maskPasswords(diff);
  return { text, masked: text !== diff };
}
