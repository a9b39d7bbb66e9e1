import { maskPasswords } from "@alpinize/image-ref";
import { scanCommands } from "../dockerfile/commands.js";
import type { Evidence, SourceFile } from "./types.js";

const MAX_EVIDENCE_TEXT = 120;

/** Every line of the files matching `pattern`, with comment lines skipped. */
export function grepLines(
  files: readonly SourceFile[],
  pattern: RegExp,
  kinds?: SourceFile["kind"][],
): Evidence[] {
  const out: Evidence[] = [];
  for (const source of files) {
    if (kinds && !kinds.includes(source.kind)) continue;
    const lines = source.text.split(/\r?\n/);
    lines.forEach((text, i) => {
      const trimmed = text.trim();
      const comment = trimmed.startsWith("#") && !(i === 0 && trimmed.startsWith("#!"));
      if (comment || !pattern.test(text)) return;
      out.push({ file: source.file, line: i + 1, text: shorten(trimmed) });
    });
  }
  return out;
}

/**
 * A line as evidence shows it (the report, `--json`): each `user:password@` masked first, so that
 * cutting the line cannot leave the start of a password whose `@` was cut off.
 */
export function shorten(line: string): string {
  const text = maskPasswords(line);
  return text.length > MAX_EVIDENCE_TEXT ? `${text.slice(0, MAX_EVIDENCE_TEXT - 1)}…` : text;
}

/** Keeps the first `limit` items, so a report on a big repository stays readable. */
export function firstOf<T>(items: T[], limit = 8): T[] {
  return items.slice(0, limit);
}

/** Lines where a command satisfying `test` runs (scanned line by line, comments skipped). */
export function commandLines(
  files: readonly SourceFile[],
  test: (name: string, args: string[]) => boolean,
  kinds?: SourceFile["kind"][],
): Evidence[] {
  const out: Evidence[] = [];
  for (const source of files) {
    if (kinds && !kinds.includes(source.kind)) continue;
    let previous: string | undefined;
    source.text.split(/\r?\n/).forEach((text, i) => {
      const trimmed = text.trim();
      const words = continuesWords(previous);
      previous = trimmed.startsWith("#") ? previous : text;
      if (text.length > 2000 || trimmed.startsWith("#")) return;
      const line = text.replace(/^\s*RUN\s+(?:--\S+\s+)*/, "");
      // A line that goes on with the words of the command above (`apk add \` then `bash \`)
      // starts with an operand: read it after a command word of its own.
      const hit = scanCommands(words ? `: ${line}` : line).some((cmd) =>
        test(cmd.name.slice(cmd.name.lastIndexOf("/") + 1), cmd.args),
      );
      if (hit) out.push({ file: source.file, line: i + 1, text: shorten(trimmed) });
    });
  }
  return out;
}

/**
 * Whether the line after `previous` goes on with its command's words: `previous` ends in a
 * backslash with a word before it, not an operator (`&&`, `;`, `|`), an opening keyword
 * (`then`, `do`) or a bare instruction (`RUN \`), after which a new command starts.
 */
function continuesWords(previous: string | undefined): boolean {
  if (previous === undefined || !/\\\s*$/.test(previous)) return false;
  const before = previous.replace(/\\\s*$/, "").trim();
  if (before === "" || /^(?:RUN|CMD|ENTRYPOINT)(?:\s+--\S+)*$/i.test(before)) return false;
  return !/(?:&&|\|\||[|;&({!]|(?:^|\s)(?:then|do|else|elif|if|while|until|exec|time))$/.test(
    before,
  );
}
