/** The most characters a message quotes of one input value (a report's field, a Dockerfile's word). */
export const MAX_QUOTED = 200;

/**
 * Input text can hold tabs and line breaks (a Trivy report's strings, a Dockerfile's word). In a
 * line of text they would split or shift it, and on stderr a line of its own such as
 * `::error::…` is a command to a GitHub Actions runner: each run becomes one space.
 */
export const oneLine = (text: string): string =>
  text.replace(/[\t\n\v\f\r\u0085\u2028\u2029]+/g, " ");

// C0 controls but tab and line feed, DEL, C1 (CSI among them), and the bidirectional controls
// (LRM, RLM, ALM, the embeddings and overrides U+202A-202E, the isolates U+2066-2069): the first
// drive a terminal, the last reorder what a reader sees ("Trojan source"), so both spoof text.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");

/**
 * Input text with every control and bidirectional formatting character but tab and line feed
 * replaced by U+FFFD, so it cannot drive a terminal or reorder what is shown around it. The
 * text itself when it has none (no copy).
 */
export const withoutControls = (text: string): string =>
  UNSAFE.test(text) ? text.replace(UNSAFE_ALL, "\ufffd") : text;

/**
 * A value from the input (a report, an exceptions or VEX file, a Dockerfile) as a message quotes
 * it: on one line, without control or bidirectional characters, and at most `max` characters,
 * with an ellipsis when cut, so a 5 MB OS name is not echoed in full.
 */
export function quoted(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return withoutControls(oneLine(text));
  let end = max;
  // Never cut a surrogate pair in half: a lone surrogate has no UTF-8 form.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${withoutControls(oneLine(text.slice(0, end)))}…`;
}
