export interface SourceLine {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character, line ending excluded. */
  end: number;
  /** Offset of the next line (after the line ending). */
  next: number;
}

/**
 * Splits text into lines, treating `\r\n` and `\n` as line endings. A leading byte order mark is
 * not part of the first line (BuildKit drops it too), so it stays in the text untouched.
 */
export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    if (nl === -1) {
      lines.push({ start, end: text.length, next: text.length });
      break;
    }
    const end = nl > start && text[nl - 1] === "\r" ? nl - 1 : nl;
    lines.push({ start, end, next: nl + 1 });
    start = nl + 1;
  }
  return lines;
}

export function isBlank(text: string, line: SourceLine): boolean {
  for (let i = line.start; i < line.end; i++) {
    const c = text[i];
    if (c !== " " && c !== "\t") return false;
  }
  return true;
}

/** A line whose first non-blank character is `#`. */
export function isCommentLine(text: string, line: SourceLine): boolean {
  let i = line.start;
  while (i < line.end && (text[i] === " " || text[i] === "\t")) i++;
  return i < line.end && text[i] === "#";
}

/**
 * Offset of the escape character that continues this line onto the next, or -1. The escape may
 * be followed by spaces or tabs before the line ends.
 */
export function continuationAt(
  text: string,
  line: SourceLine,
  from: number,
  escapeChar: string,
): number {
  let i = line.end - 1;
  while (i >= from && (text[i] === " " || text[i] === "\t")) i--;
  return i >= from && text[i] === escapeChar ? i : -1;
}
