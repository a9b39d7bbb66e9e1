import { CREDENTIALS_MASK, findUserinfo } from "@alpinize/image-ref";

const WORD = /[^\s"'`]+/g;

export const MASKED_DIFF =
  "the diff shows ***@ where the file has user:password@ (credentials are never printed), so it does not apply with patch as printed: use --write";

/**
 * The diff with every `user:password@` part of a word shown as `***@` (a FROM with credentials,
 * a `git clone https://user:token@host/…` in a RUN). A user name alone (`git@github.com:o/r`) is
 * no secret and stays, so most diffs still apply as printed. `masked` says whether any line
 * changed: such a diff no longer applies with patch.
 */
export function maskDiffSecrets(diff: string): { text: string; masked: boolean } {
  let masked = false;
  const text = diff.replace(WORD, (word) => {
    const span = findUserinfo(word);
    if (!span || !word.slice(span.start, span.at).includes(":")) return word;
    masked = true;
    return `${word.slice(0, span.start)}${CREDENTIALS_MASK}${word.slice(span.at)}`;
  });
  return { text, masked };
}
