import { closeSync, constants, fstatSync, fsyncSync, openSync, writeSync } from "node:fs";

/**
 * Opens without O_CREAT or O_TRUNC and writes. Returns false, having written nothing, when a
 * plain path (extra 0) turned out to open a regular file.
 */
export function writeInto(path: string, bytes: Uint8Array, extra: number): boolean {
  const fd = openSync(path, constants.O_WRONLY | extra);
  try {
    if (extra === 0 && fstatSync(fd).isFile()) return false;
    writeAll(fd, bytes);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** Makes the rename itself durable; some filesystems refuse fsync on a directory, which is fine. */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // nothing more to do
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes every byte. Node may have set our stdout pipe to non-blocking mode, so a full pipe
 * answers EAGAIN: wait a moment for the reader and go on, rather than dropping output.
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  let waited = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
      waited = 0;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN" || waited > 120_000) throw err;
      Atomics.wait(pause, 0, 0, 5);
      waited += 5;
    }
  }
}
