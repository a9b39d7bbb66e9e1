/**
 * `path` without its trailing slashes, as `path.replace(/\/+$/, "")` gives it. That expression
 * tries every slash of a long run that does not end the text, each time to the run's end:
 * quadratic on a word of many slashes (`COPY a ////…/x`), where this reads the end once.
 */
export function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(0, end);
}
