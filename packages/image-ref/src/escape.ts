/** C0 controls except tab and newline, DEL and C1 controls: what a terminal acts on. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
}

/**
 * Text from scanned files and servers, made safe to print on a terminal: each control
 * character becomes `\xNN` (ESC is `\x1b`), so `alp\x1b]0;title\x07ine` cannot retitle a window.
 * Tabs and newlines stay.
 */
export function escapeControl(text: string): string {
  if (!hasControl(text)) return text;
  let out = "";
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += isControl(code) ? `\\x${code.toString(16).padStart(2, "0")}` : c;
  }
  return out;
}

/** Whether the text holds a character {@link escapeControl} would escape. */
export function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) return true;
  return false;
}

/**
 * A name printed inside one line of output (a path before `:line`, a diff header): like
 * {@link escapeControl}, and tabs and newlines become `\x09`/`\x0a` too, so the line stays one.
 */
export function escapeInline(text: string): string {
  let out = "";
  for (const c of escapeControl(text)) {
    out += c === "\n" || c === "\t" ? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}` : c;
  }
  return out;
}
