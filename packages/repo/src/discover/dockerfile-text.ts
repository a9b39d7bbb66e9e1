import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { DOCKERFILE_TEXT_HEAD } from "@alpinize/dockerfile";
import { decodeText } from "../workspace/text-bytes.js";
import { isDockerfileText } from "./kinds.js";

/**
 * Bytes enough for the DOCKERFILE_TEXT_HEAD characters isDockerfileText reads: a UTF-16 code unit
 * takes at most 3 bytes of UTF-8, and 3 more finish a character cut at the end. Decoded as the
 * commands given the file decode it (decodeText), so a walk and `check FILE` judge the same text.
 */
const HEAD_BYTES = 3 * DOCKERFILE_TEXT_HEAD + 3;

/**
 * Whether a file with an ambiguous name (`Dockerfile.sh`) holds a Dockerfile, from its first
 * DOCKERFILE_TEXT_HEAD characters. A file that cannot be read counts as one: the reading that
 * follows reports it as not checked, where skipping it would let a run that never saw it pass.
 */
export async function holdsDockerfile(path: string): Promise<boolean> {
  // O_NONBLOCK: a FIFO put in the file's place since the listing must not hang the walk.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => undefined);
  if (handle === undefined) return true;
  try {
    if (!(await handle.stat()).isFile()) return true;
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    // A NUL byte does not make it a binary file to skip: the reading that follows refuses it.
    return isDockerfileText(decodeText(buf.subarray(0, bytesRead)));
  } catch {
    return true;
  } finally {
    await handle.close();
  }
}
