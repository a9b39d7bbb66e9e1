import type { Redirect } from "./tokens.js";

/** A here-document opened on the current line, its body read after the line ends. */
export interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  token: Redirect;
}

/** Skips the bodies of the here-documents a line opened, noting each body's span on its token. */
export function skipHeredocBodies(text: string, start: number, docs: PendingHeredoc[]): number {
  let i = start;
  for (const doc of docs) {
    const bodyStart = i;
    let bodyEnd = text.length;
    while (i < text.length) {
      const nl = text.indexOf("\n", i);
      const lineEnd = nl === -1 ? text.length : nl;
      let line = text.slice(i, lineEnd).replace(/\r$/, "");
      if (doc.stripTabs) line = line.replace(/^\t+/, "");
      const lineStart = i;
      i = nl === -1 ? text.length : nl + 1;
      if (line === doc.delimiter) {
        bodyEnd = lineStart;
        break;
      }
    }
    // A quoted delimiter (`<<'EOF'`, `<<\EOF`) leaves the body as written: nothing expands there.
    const target = doc.token.raw.replace(/^\d*<<-?\s*/, "");
    doc.token.body = { start: bodyStart, end: bodyEnd, expands: !/["'\\]/.test(target) };
  }
  return i;
}
