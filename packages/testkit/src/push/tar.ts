import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/** A one-file ustar archive: small, deterministic, and a real layer a daemon can unpack. */
export function singleFileTar(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, "utf8");
  header.write("0000644\0", 100, "ascii");
  header.write("0000000\0", 108, "ascii");
  header.write("0000000\0", 116, "ascii");
  header.write(`${content.length.toString(8).padStart(11, "0")}\0`, 124, "ascii");
  header.write("00000000000\0", 136, "ascii");
  header.write("        ", 148, "ascii");
  header.write("0", 156, "ascii");
  header.write("ustar\0", 257, "ascii");
  header.write("00", 263, "ascii");
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

export interface Layer {
  /** gzip bytes as stored in the registry. */
  blob: Buffer;
  /** sha256 of the uncompressed tar (the config's diff_id). */
  diffId: string;
}

export function makeLayer(name: string, content: string): Layer {
  const tar = singleFileTar(name, Buffer.from(content));
  // mtime 0 in the gzip header keeps the digest the same on every run.
  return { blob: gzipSync(tar, { level: 9 }), diffId: sha256(tar) };
}

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}
