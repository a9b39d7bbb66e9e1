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
  /** The path of this object or array. */
  path: string;
  /** Last key read (object) or the index of the current item (array). */
  last: string;
  index: number;
}

/**
 * The first duplicate key in `text`, which must be valid JSON (it is read after JSON.parse took
 * it), among those whose path `wanted` accepts. Keys are compared decoded ("a" and "\u0061" are
 * one key, as JSON.parse takes them).
 */
export function findDuplicateKey(
  text: string,
  wanted: (path: string) => boolean = () => true,
): DuplicateKey | undefined {
  const stack: Open[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (top?.keys && nextSignificant(text, end) === ":") {
        const key = JSON.parse(text.slice(i, end)) as string;
        const path = join(top.path, key);
        if (top.keys.has(key) && wanted(path)) return { key, path, line: lineAt(text, i) };
        top.keys.add(key);
        top.last = key;
      }
      i = end - 1;
    } else if (c === "{" || c === "[") {
      const path =
        top === undefined ? "" : top.keys ? join(top.path, top.last) : `${top.path}[${top.index}]`;
      stack.push({ ...(c === "{" ? { keys: new Set<string>() } : {}), path, last: "", index: 0 });
    } else if (c === "}" || c === "]") stack.pop();
    else if (c === "," && top && !top.keys) top.index++;
  }
  return undefined;
}

const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

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
