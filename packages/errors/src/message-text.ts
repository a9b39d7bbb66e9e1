/** The most characters a message quotes of one input value (a report's field, a Dockerfile's word). */
export const MAX_QUOTED = 200;

/**
 * Input text can hold tabs and line breaks (a Trivy report's strings, a Dockerfile's word). In a
 * line of text they would split or shift it, and on stderr a line of its own such as
 * `::error::…` is a command to a GitHub Actions runner: each run becomes one space.
 */
export const oneLine = (text: string): string =>
  text.replace(/[\t\n\v\f\r\u0085\u2028\u2029]+/g, " ");

/**
 * A value from the input (a report, an exceptions or VEX file, a Dockerfile) as a message quotes
 * it: on one line and at most `max` characters, with an ellipsis when cut, so a 5 MB OS name is
 * not echoed in full.
 */
export function quoted(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return oneLine(text);
  let end = max;
  // Never cut a surrogate pair in half: a lone surrogate has no UTF-8 form.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${oneLine(text.slice(0, end))}…`;
}
