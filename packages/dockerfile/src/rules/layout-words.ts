import { leftmostGnuTriple, stripOuterQuotes } from "./rust-triple.js";

/*
 * Word-level tests the Debian-layout patterns share: command position, the word around a match,
 * Rust triples.
 */

/**
 * A program in command position: debianProgramNote flags it by name (RUN commands, and what
 * ENTRYPOINT/CMD start), so the path is not flagged twice.
 */
export function commandPosition(text: string, index: number): boolean {
  // Backwards from index and on the last few characters: `[\s"',]+$` and a `$`-ended expression
  // on all the text before went over it again for each match.
  let end = index;
  while (end > 0 && /[\s"',]/.test(text[end - 1] as string)) end--;
  if (end === 0) return true;
  // `while`/`until` and the character before them for \b.
  const tail = text.slice(Math.max(0, end - 6), end);
  return /(?:[[;&|(`{!]|--|\b(?:exec|then|do|else|if|while|until))$/.test(tail);
}

/** The whitespace-, quote- or `=`-delimited word around `index`. */
export function wordAt(text: string, index: number): { start: number; word: string } {
  let start = index;
  while (start > 0 && !/[\s"'=,[]/.test(text[start - 1]!)) start--;
  let end = index;
  while (end < text.length && !/[\s"',\]]/.test(text[end]!)) end++;
  return { start, word: text.slice(start, end) };
}

const DOWNLOAD =
  /:\/\/|\.(?:tar(?:\.\w+)?|tgz|txz|tbz2?|zip|deb|rpm|gz|xz|bz2|zst|asc|sig|sha\d+(?:sum)?)$/;

/**
 * A Rust target triple for glibc outside a download name (`--target x86_64-unknown-linux-gnu`,
 * `target/aarch64-unknown-linux-gnu/release/app`). Release assets with the same triple are
 * downloads, which flagGlibc reports.
 */
export function rustGnuTarget(raw: string): string | undefined {
  // Most words name no triple: skip the download test and the scan for them.
  if (!raw.includes("-unknown-linux-gnu")) return undefined;
  const word = stripOuterQuotes(raw);
  if (DOWNLOAD.test(word)) return undefined;
  return leftmostGnuTriple(word);
}
