/**
 * `text` without `char` repeated at either end, as `text.replace(/^c+|c+$/g, "")` gives it. That
 * expression tries every `c` of a long run that does not end the text, each time to the run's
 * end: quadratic on an image name of many dashes or slashes.
 */
export function trimChar(text: string, char: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === char) start++;
  while (end > start && text[end - 1] === char) end--;
  return text.slice(start, end);
}

/** `text.replace(/#.*$/, "")`: from the first `#` after the last line break. */
export function withoutFragment(text: string): string {
  const lastBreak = Math.max(
    text.lastIndexOf("\n"),
    text.lastIndexOf("\r"),
    text.lastIndexOf("\u2028"),
    text.lastIndexOf("\u2029"),
  );
  const hash = text.indexOf("#", lastBreak + 1);
  return hash === -1 ? text : text.slice(0, hash);
}
