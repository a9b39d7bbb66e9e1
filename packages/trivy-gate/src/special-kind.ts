/** How a message names a file that is not a regular file, or undefined for a regular one. */
export function specialKind(info: {
  isFile(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isFIFO()) return "pipe";
  if (info.isCharacterDevice()) return "character device";
  if (info.isBlockDevice()) return "block device";
  if (info.isSocket()) return "socket";
  return "special file";
}
