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
  return frames
    .map((f, i) => (i === frames.length - 1 ? step(key) : f.object ? step(f.key) : `[${f.index}]`))
    .join("")
    .replace(/^\./, "");
}

const step = (key: string) =>
  /^[A-Za-z_@$][\w@$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;

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
