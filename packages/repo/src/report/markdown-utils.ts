import { escapeControl, escapeInline, maskPasswords } from "@alpinize/image-ref";
import { escapeRawBytes } from "../workspace/text-bytes.js";

// Every text helper below masks a `user:password@` (a RUN's `curl https://u:pw@host/…` quoted in
// a warning, risk evidence): the report is a file, shared in pull requests, and never holds one.
// An image reference is masked with maskReference before it comes here, as every other output
// shows it (a user name alone too).

/** Text safe inside a Markdown table cell. */
export function cell(text: string): string {
  return escapeRawBytes(
    escapeControl(
      maskPasswords(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " "),
    ),
  );
}

/**
 * A message on one line of the report: a path in it may hold a newline or an escape sequence
 * (`we\x0aird/Dockerfile`), which would break the list item or act on a terminal showing the file.
 * A byte of a file that was not UTF-8 is shown as `\xNN` too: the report is UTF-8.
 */
export function prose(text: string): string {
  return escapeRawBytes(escapeInline(maskPasswords(text)));
}

/** Inline code that survives backticks in the text, on one line (control characters escaped). */
export function code(raw: string): string {
  const text = escapeRawBytes(escapeInline(maskPasswords(raw)));
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ];
}

/**
 * Inline code inside a table cell: GFM splits a row on `|` before it reads code spans, so the
 * pipe is escaped there too (the table parser removes the backslash).
 */
export function codeCell(text: string): string {
  return code(text).replace(/\|/g, "\\|");
}
