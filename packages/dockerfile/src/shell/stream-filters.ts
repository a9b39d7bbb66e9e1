/**
 * Filters that read their standard input and exit 0 whatever it holds, given no file operand and
 * only options busybox and GNU both take (musl busybox, checked in OR_GUARD_FORMS): the status of
 * `b | head -n 5` is head's, so b's failure does not stop the build. A file operand may be missing
 * (`cat /etc/x`), and `grep`, `sort -c` or `head -n $N` may fail on what they read or are given.
 * That is how the build runs, not what the gates read (pipeGuards).
 */

/** `-n 5`, `-n5`, `-5`, `-c 3`, `-q`, `-v`: head and tail options; counts in plain digits. */
function headTailOptions(words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (/^-(?:[nc]\d+|\d+|[qv])$/.test(w)) continue;
    if ((w === "-n" || w === "-c") && /^\d+$/.test(words[k + 1] ?? "")) k++;
    else return false;
  }
  return true;
}

/** A file tee can make: /dev/null, or a name right in /tmp (1777 in every Alpine image). */
const TEE_TARGET = /^(?:\/dev\/null|\/tmp\/[A-Za-z0-9_.,@%+-]+)$/;

/**
 * `tee [-a] [-i] [--] [FILE…]`, options first (musl's getopt stops at an operand), each FILE one
 * tee can write: `tee f` fails where f's folder is missing or not writable by the USER.
 */
function teeWords(words: readonly string[]): boolean {
  return teeFiles(words).every((w) => TEE_TARGET.test(w) && !/^\/tmp\/\.\.?$/.test(w));
}

/** The FILE operands of `tee [-a] [-i] [--] [FILE…]`. */
function teeFiles(words: readonly string[]): readonly string[] {
  let k = 0;
  while (k < words.length && (words[k] === "-a" || words[k] === "-i")) k++;
  if (words[k] === "--") k++;
  return words.slice(k);
}

const FILTERS: Readonly<Record<string, (words: readonly string[]) => boolean>> = {
  cat: (words) => words.length === 0,
  tee: teeWords,
  head: headTailOptions,
  tail: headTailOptions,
  // Not -c/-C (fail on unsorted input), -o FILE, -k/-t (values to check).
  sort: (words) => words.every((w) => /^-[bdfgiMnrsuz]+$/.test(w)),
  wc: (words) => words.every((w) => /^-[lwcmL]+$/.test(w)),
};

/** Whether `name words` is such a filter: it exits 0 whatever its input (busybox runs it so). */
export function filterSucceeds(name: string, words: readonly string[]): boolean | undefined {
  const known = FILTERS[name];
  return known === undefined ? undefined : known(words);
}

/**
 * Whether the gates (migrate --check, alpinize check) read `b | name words` as guarding b: only
 * `cat` and `tee` to /dev/null, which pass b's output on unchanged. `b | head`, `tail`, `sort`,
 * `wc` and `tee /tmp/log` let the build go on (filterSucceeds) but show or log b's output: they
 * are no decision to go on without b, and the image b was to set up (`useradd app | tee log`
 * before `USER app`) fails at start, so they fail closed as unguarded. Undefined: not a filter.
 */
export function pipeGuards(name: string, words: readonly string[]): boolean | undefined {
  const succeeds = filterSucceeds(name, words);
  if (succeeds !== true) return succeeds;
  if (name === "cat") return true;
  return name === "tee" && teeFiles(words).every((w) => w === "/dev/null");
}
