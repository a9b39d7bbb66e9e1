import { DockerfileSyntaxError } from "./errors.js";
import type { SourceLine } from "./lines.js";
import type { Directive } from "./types.js";

// BuildKit's directive key (letters and digits). The value is cut by hand: a lazy `(.+?)\s*$`
// takes time quadratic in a run of blanks inside a long first line.
const DIRECTIVE_KEY = /^[ \t]*#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=/;
const KNOWN_DIRECTIVES = new Set(["syntax", "escape", "check"]);

/** Reads the leading parser directives into `out`; returns the index of the first other line. */
export function readDirectives(
  text: string,
  lines: SourceLine[],
  out: Directive[],
  fileName: string,
): number {
  let i = 0;
  const seen = new Set<string>();
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const d = directiveOn(text.slice(line.start, line.end));
    const name = d?.name.toLowerCase();
    if (!d || !name || !KNOWN_DIRECTIVES.has(name)) break;
    // BuildKit's directive parser stops the build here rather than reading the line as a comment.
    if (seen.has(name)) {
      throw new DockerfileSyntaxError(
        i + 1,
        `only one ${name} parser directive can be used (line ${seenAt(out, name)} has one; docker build refuses the file)`,
        fileName,
      );
    }
    seen.add(name);
    out.push({ name, value: d.value, start: line.start, end: line.end, line: i + 1 });
  }
  return i;
}

function seenAt(directives: readonly Directive[], name: string): number {
  return directives.find((d) => d.name === name)?.line ?? 1;
}

/**
 * `# key=value` as BuildKit's `^#\s*(key)\s*=\s*(.+?)\s*$` reads it: blanks around the value
 * go, but the value needs one character, so `# escape=` is a comment and `# escape= ` has the
 * value " " (which BuildKit then refuses).
 */
function directiveOn(line: string): { name: string; value: string } | undefined {
  const m = DIRECTIVE_KEY.exec(line);
  if (!m?.[1]) return undefined;
  const rest = line.slice(m[0].length);
  if (rest === "") return undefined;
  let from = 0;
  while (from < rest.length && isBlankChar(rest[from]!)) from++;
  let to = rest.length;
  while (to > from && isBlankChar(rest[to - 1]!)) to--;
  return { name: m[1], value: to > from ? rest.slice(from, to) : rest.slice(-1) };
}

function isBlankChar(c: string): boolean {
  return c === " " || c === "\t";
}
