/** A `key: value` scalar found by {@link walkYamlScalars}, with the value's exact span. */
export interface YamlScalar {
  /** Mapping keys from the document root to this one (sequence items add no key). */
  path: string[];
  value: string;
  /** Offsets of the value in the text, quotes excluded. */
  start: number;
  end: number;
  /** 1-based line. */
  line: number;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#'"{[][^:#]*?)\s*:(?=\s|$)\s*/;

/**
 * Walks block-style YAML line by line and yields every `key: scalar` with its key path. Enough
 * for compose files and workflows as people write them: flow mappings (`{image: x}`), anchors
 * merged from elsewhere and multi-line scalars are not followed.
 */
export function walkYamlScalars(text: string): YamlScalar[] {
  const out: YamlScalar[] = [];
  const stack: { indent: number; key: string }[] = [];
  let blockIndent: number | undefined;
  let offset = 0;
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const lead = /^( *)((?:- +)*)/.exec(line)!;
    const indent = lead[1]!.length + lead[2]!.length;
    const content = line.slice(indent);
    if (blockIndent !== undefined) {
      if (content === "" || lead[1]!.length > blockIndent) continue;
      blockIndent = undefined;
    }
    if (content === "" || content.startsWith("#") || /^(---|\.\.\.)(\s|$)/.test(line)) continue;
    const key = KEY.exec(content);
    if (!key) continue;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    stack.push({ indent, key: unquote(key[1]!.trim()) });
    const valueText = content.slice(key[0].length);
    if (/^[|>]/.test(valueText)) {
      blockIndent = indent;
      continue;
    }
    const scalar = readScalar(valueText);
    if (!scalar) continue;
    const base = lineStart + indent + key[0].length;
    out.push({
      path: stack.map((s) => s.key),
      value: scalar.value,
      start: base + scalar.start,
      end: base + scalar.end,
      line: index + 1,
    });
  }
  return out;
}

function readScalar(text: string): { value: string; start: number; end: number } | undefined {
  if (text === "" || text.startsWith("#") || /^[{[&*!]/.test(text)) return undefined;
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, 1);
    if (close === -1) return undefined;
    const value = text.slice(1, close);
    if (quote === '"' && value.includes("\\")) return undefined;
    return { value, start: 1, end: close };
  }
  const comment = text.search(/\s#/);
  const value = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  // A plain null is no value at all (an `image: ~` is not the image "library/~" or "null").
  if (value === "" || /^(null|Null|NULL|~)$/.test(value)) return undefined;
  return { value, start: 0, end: value.length };
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}
