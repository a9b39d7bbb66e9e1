/**
 * Splits instruction arguments into words the way the builder does for COPY, ENTRYPOINT and the
 * like: JSON exec form when the text is a JSON array of strings, else whitespace-separated words
 * with quotes removed.
 */
export function instructionWords(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((w) => typeof w === "string")) return parsed;
    } catch {
      // Not valid JSON: Docker then treats it as shell form, and so do we.
    }
  }
  return shellWords(trimmed);
}

/** The word single-quoted for sh, so a scan of the line reads it back as one literal word. */
export function singleQuoted(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * What the shell runs for a RUN/CMD/ENTRYPOINT body: the text of a shell form as written, the
 * words of an exec form each single-quoted (Docker passes them as they are, no shell reads them).
 */
export function formScript(body: string, form: "shell" | "exec"): string {
  return form === "exec" ? instructionWords(body).map(singleQuoted).join(" ") : body;
}

/** Whitespace-separated words; single and double quotes group and are removed. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === "\\" && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === "\\" && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Drops leading `--flag` / `--flag=value` words and returns them separately. */
export function splitLeadingFlags(words: string[]): { flags: Map<string, string>; rest: string[] } {
  const flags = new Map<string, string>();
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith("--")) break;
    const eq = word.indexOf("=");
    if (eq < 0) flags.set(word.slice(2), "");
    else flags.set(word.slice(2, eq), word.slice(eq + 1));
  }
  return { flags, rest: words.slice(i) };
}
