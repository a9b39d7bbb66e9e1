import { escapeInline } from "@alpinize/image-ref";
import type { Io } from "./io.js";

/** A warning or lint finding at a place in a file, as the commands print it. */
export interface ShownFinding {
  severity: "error" | "warning";
  /** The file as shown to the user. */
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
  /** What to do, joined to the message with "; " as `alpinize check` joins a lint finding's fix. */
  fix?: string;
}

/**
 * One line on stderr, the same for migrate, check and entrypoint: `SEVERITY FILE:LINE:COL [rule]
 * message; fix`. File and text are escaped: a name or quoted script text with a newline or an
 * escape sequence stays one harmless line.
 */
export function printFinding(io: Io, f: ShownFinding): void {
  const text = f.fix ? `${f.message}; ${f.fix}` : f.message;
  const line = `${escapeInline(f.file)}:${f.line}:${f.column} [${f.rule}] ${escapeInline(text)}`;
  if (f.severity === "warning") io.warn(line);
  else io.err(`${io.style.red("error")} ${line}`);
}
