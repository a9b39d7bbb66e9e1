/** A key written twice in one JSON object: JSON.parse keeps the last one without a word. */
export interface DuplicateKey {
  key: string;
  /** Dotted path to it, as config errors name keys (`migrate.gosu`, `images.ignore[0].x`). */
  path: string;
  /** 1-based line of the second copy. */
  line: number;
}

interface Open {
  keys?: Set<string>;
  parent: Open | undefined;
  /** How the parent names this object or array: a key, an index, or nothing at the top. */
  segment: { key: string } | { index: number } | undefined;
  /** Whether a key given twice in it is reported. */
  counted: boolean;
  /** Last key read (object) or the index of the current item (array). */
  last: string;
  index: number;
}

/**
 * The first duplicate key in `text`, which must be valid JSON (it is read after JSON.parse took
 * it): anywhere, or with `within` only the top-level key of that name and what is under it.
 * Keys are compared decoded ("a" and "\u0061" are one key, as JSON.parse takes them). One pass,
 * whatever the nesting: a path is spelled out only for the duplicate found.
 */
export function findDuplicateKey(text: string, within?: string): DuplicateKey | undefined {
  const stack: Open[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (top?.keys && nextSignificant(text, end) === ":") {
        const key = JSON.parse(text.slice(i, end)) as string;
        const counts = top.counted || (stack.length === 1 && key === within);
        if (top.keys.has(key) && counts)
          return { key, path: pathOf(top, key), line: lineAt(text, i) };
        top.keys.add(key);
        top.last = key;
      }
      i = end - 1;
    } else if (c === "{" || c === "[") {
      const segment =
        top === undefined ? undefined : top.keys ? { key: top.last } : { index: top.index };
      const counted =
        within === undefined ||
        (top !== undefined && (top.counted || (stack.length === 1 && top.last === within)));
      stack.push({
        ...(c === "{" ? { keys: new Set<string>() } : {}),
        parent: top,
        segment,
        counted,
        last: "",
        index: 0,
      });
    } else if (c === "}" || c === "]") stack.pop();
    else if (c === "," && top && !top.keys) top.index++;
  }
  return undefined;
}

/** The dotted path of `key` in `open`, as config errors name keys (`images.ignore[0].x`). */
function pathOf(open: Open, key: string): string {
  const segments: NonNullable<Open["segment"]>[] = [{ key }];
  for (let at: Open | undefined = open; at?.segment !== undefined; at = at.parent)
    segments.unshift(at.segment);
  let path = "";
  for (const segment of segments) {
    if ("index" in segment) path += `[${segment.index}]`;
    else path = path === "" ? segment.key : `${path}.${segment.key}`;
  }
  return path;
}

/** The index just past the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

function nextSignificant(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; i++) if (!/\s/.test(text[i]!)) return text[i];
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text[i] === "\n") line++;
  return line;
}
