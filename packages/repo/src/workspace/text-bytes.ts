/**
 * The one decoding of Dockerfiles and scripts every command shares (`migrate`, `entrypoint`,
 * `check`), so a file that is not valid UTF-8 round-trips byte for byte.
 *
 * Valid UTF-8 decodes as usual. A byte that is not part of a valid UTF-8 sequence (a Latin-1
 * `\xe9` in a comment) becomes the lone surrogate U+DC00 + byte: valid UTF-8 elsewhere in the
 * same file stays readable (no `cafÃ©`), and {@link encodeText} turns the surrogate back into
 * the byte. Valid UTF-8 never decodes to a lone surrogate, so the way back is exact.
 */

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
// Only ever given runs that are valid; ignoreBOM keeps a BOM as text, as the strict decoder does.
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

/** A byte that was not valid UTF-8, as decodeText holds it (u: lone surrogates only). */
const RAW_BYTE = /[\udc80-\udcff]/u;
const RAW_BYTES = /[\udc80-\udcff]+/gu;
const RAW_BYTE_EACH = /[\udc80-\udcff]/gu;

export function decodeText(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    return decodeMixed(bytes);
  }
}

/** The file's own bytes again: UTF-8 for text, the original byte for each one decodeText kept. */
export function encodeText(text: string): Buffer {
  if (!RAW_BYTE.test(text)) return Buffer.from(text, "utf8");
  const parts: Buffer[] = [];
  let last = 0;
  for (const match of text.matchAll(RAW_BYTES)) {
    parts.push(Buffer.from(text.slice(last, match.index), "utf8"));
    parts.push(Buffer.from(Array.from(match[0], (c) => c.charCodeAt(0) - 0xdc00)));
    last = match.index + match[0].length;
  }
  parts.push(Buffer.from(text.slice(last), "utf8"));
  return Buffer.concat(parts);
}

/** Whether the text holds a byte that was not valid UTF-8. */
export function hasRawBytes(text: string): boolean {
  return RAW_BYTE.test(text);
}

/**
 * Text for people and for JSON: each byte that was not UTF-8 shown as `\xNN`, so what is printed
 * is valid UTF-8 and names the byte instead of a replacement character or mojibake.
 */
export function escapeRawBytes(text: string): string {
  if (!RAW_BYTE.test(text)) return text;
  return text.replace(RAW_BYTE_EACH, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16)}`);
}

function decodeMixed(bytes: Uint8Array): string {
  let out = "";
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += lenient.decode(bytes.subarray(start, i));
    out += String.fromCharCode(0xdc00 + bytes[i]!);
    i += 1;
    start = i;
  }
  return out + lenient.decode(bytes.subarray(start));
}

/** Length of the valid UTF-8 sequence at i (RFC 3629: no overlongs, surrogates or > U+10FFFF), or 0. */
function sequenceLength(b: Uint8Array, i: number): number {
  const lead = b[i]!;
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return isTail(b[i + 1]) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const low = lead === 0xe0 ? 0xa0 : 0x80;
    const high = lead === 0xed ? 0x9f : 0xbf;
    return within(b[i + 1], low, high) && isTail(b[i + 2]) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xf4 ? 0x8f : 0xbf;
    return within(b[i + 1], low, high) && isTail(b[i + 2]) && isTail(b[i + 3]) ? 4 : 0;
  }
  return 0;
}

function isTail(byte: number | undefined): boolean {
  return within(byte, 0x80, 0xbf);
}

function within(byte: number | undefined, low: number, high: number): boolean {
  return byte !== undefined && byte >= low && byte <= high;
}
