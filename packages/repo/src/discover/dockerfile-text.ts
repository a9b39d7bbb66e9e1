import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { isDockerfileText } from "./kinds.js";

/** Enough for a licence header of comments before the first FROM; a walk reads no more. */
const HEAD_BYTES = 64 * 1024;

/**
 * Whether a file with an ambiguous name (`Dockerfile.sh`) holds a Dockerfile, from its first
 * 64 KiB. A file that cannot be read counts as one: the reading that follows reports it as not
 * checked, where skipping it would let a run that never saw it pass.
 */
export async function holdsDockerfile(path: string): Promise<boolean> {
  // O_NONBLOCK: a FIFO put in the file's place since the listing must not hang the walk.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => undefined);
  if (handle === undefined) return true;
  try {
    if (!(await handle.stat()).isFile()) return true;
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    return !head.includes(0) && isDockerfileText(head.toString("utf8"));
  } catch {
    return true;
  } finally {
    await handle.close();
  }
}
