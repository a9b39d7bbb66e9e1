import { quoted } from "../message-text.js";

/** The longest path a message shows: its start and, above all, its end (where the key is). */
const MAX_PATH = 600;

/**
 * The JSON path (`Results[0].Vulnerabilities[2].Severity`) of the property name starting at
 * `offset`. Only called to explain an error, so the hot scanner keeps no path of its own: this
 * walks the (already validated) bytes before `offset` again.
 */
export function pathOfKeyAt(buf: Uint8Array, offset: number): string {
  const frames: { object: boolean; key: string; index: number }[] = [];
  let p = 0;
  while (p < offset) {
    const c = buf[p]!;
    if (c === 0x22) {
      const end = stringEnd(buf, p + 1);
      const top = frames[frames.length - 1];
      if (top?.object && nextNonSpace(buf, end + 1) === 0x3a) top.key = decode(buf, p, end);
      p = end + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) frames.push({ object: c === 0x7b, key: "", index: 0 });
    else if (c === 0x7d || c === 0x5d) frames.pop();
    else if (c === 0x2c) {
      const top = frames[frames.length - 1];
      if (top && !top.object) top.index++;
    }
    p++;
  }
  const key = decode(buf, offset, stringEnd(buf, offset + 1));
  const path = frames
    .map((f, i) => (i === frames.length - 1 ? step(key) : f.object ? step(f.key) : `[${f.index}]`))
    .join("")
    .replace(/^\./, "");
  return bounded(path);
}

/**
 * One step of the path. Names are input: each is quoted (one line, no control characters, at
 * most 100 characters), so a 5 MB key holding `\n::error::…` cannot reach a message whole.
 */
function step(key: string): string {
  const shown = quoted(key, 100);
  return shown === key && /^[A-Za-z_@$][\w@$-]*$/.test(key)
    ? `.${key}`
    : `[${JSON.stringify(shown)}]`;
}

/** Deep nesting makes a long path even of short steps: its middle gives way to an ellipsis. */
function bounded(path: string): string {
  if (path.length <= MAX_PATH) return path;
  let tail = path.length - (MAX_PATH - 200);
  // Never start inside a surrogate pair (the head is cut by quoted, which takes care of its end).
  const code = path.charCodeAt(tail);
  if (code >= 0xdc00 && code <= 0xdfff) tail++;
  return `${quoted(path, 200)}${path.slice(tail)}`;
}

function stringEnd(buf: Uint8Array, from: number): number {
  let p = from;
  while (p < buf.length && buf[p] !== 0x22) p += buf[p] === 0x5c ? 2 : 1;
  return p;
}

function nextNonSpace(buf: Uint8Array, from: number): number | undefined {
  let p = from;
  while (buf[p] === 0x20 || buf[p] === 0x0a || buf[p] === 0x0d || buf[p] === 0x09) p++;
  return buf[p];
}

function decode(buf: Uint8Array, quote: number, end: number): string {
  const raw = Buffer.from(buf.buffer, buf.byteOffset + quote, end + 1 - quote).toString("utf8");
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}
