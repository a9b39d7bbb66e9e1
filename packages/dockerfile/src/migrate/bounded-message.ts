import { MAX_QUOTED, oneLine, quoted, withoutControls } from "@alpinize/errors";

/**
 * The most characters one warning keeps: its own words and a few quoted values (each at most
 * `MAX_QUOTED`) fit well below it.
 */
export const MAX_WARNING = 2000;

/**
 * A run of text with no space longer than a quoted value may be, with some room for what a
 * message writes next to one (`…;`, quotes, a path's prefix) so that it is not cut again.
 */
const LONG_WORD = new RegExp(`\\S{${MAX_QUOTED + 17},}`, "g");

/**
 * A warning as printed, whichever rule wrote it and however it quoted the file: on one line,
 * without control or bidirectional characters, each word cut at `MAX_QUOTED` characters as
 * `quoted` cuts it (a 1 MB package name is shown by its start), and the whole at `MAX_WARNING`,
 * its start and its end (where the advice is) kept around an ellipsis.
 */
export function boundedMessage(message: string): string {
  let text = withoutControls(oneLine(message));
  if (text.length > MAX_QUOTED + 16) text = text.replace(LONG_WORD, (word) => quoted(word));
  if (text.length <= MAX_WARNING) return text;
  const half = MAX_WARNING / 2;
  let from = text.length - half + 3;
  // Never start on the second half of a surrogate pair: it has no UTF-8 form alone.
  const code = text.charCodeAt(from);
  if (code >= 0xdc00 && code <= 0xdfff) from++;
  return `${quoted(text, half).slice(0, -1)} … ${text.slice(from)}`;
}
