export interface HeredocOpener {
  delimiter: string;
  stripTabs: boolean;
  quoted: boolean;
  /** Offset of `<<` in the text searched. */
  start: number;
  /** Offset just past the delimiter word (and its closing quote). */
  end: number;
}

const OPENER = /<<(-?)[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/y;

/**
 * Heredoc openers (`<<EOF`, `<<-EOF`, `<<"EOF"`) outside quotes, in order. `<<<` here-strings
 * are not heredocs.
 */
export function findHeredocOpeners(text: string): HeredocOpener[] {
  const found: HeredocOpener[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    if (c !== "<" || text[i + 1] !== "<") continue;
    if (text[i + 2] === "<") {
      // A here-string (`<<<`, `<<<<`…): BuildKit's heredoc word is `<<` and no further `<`, so
      // none of the run opens one, and its tail must not be read again as `<<WORD`.
      while (text[i + 1] === "<") i++;
      continue;
    }
    OPENER.lastIndex = i;
    const m = OPENER.exec(text);
    if (!m) continue;
    found.push({
      delimiter: m[3]!,
      stripTabs: m[1] === "-",
      quoted: m[2] !== "",
      start: i,
      end: OPENER.lastIndex,
    });
    i = OPENER.lastIndex - 1;
  }
  return found;
}
