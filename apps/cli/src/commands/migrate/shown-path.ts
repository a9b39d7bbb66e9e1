import { isAbsolute, join, relative, sep } from "node:path";

/**
 * How `migrate DIR` names a file of the repository to the user: a path to paste from the current
 * directory (relative to it when inside it, else absolute), as `alpinize check` names them.
 */
export function shownPath(root: string, file: string, cwd: string): string {
  const full = join(root, file);
  const rel = relative(cwd, full);
  const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  const shown = (rel === "" || outside ? full : rel).split(sep).join("/");
  // A folder that could not be listed keeps its trailing slash.
  return file.endsWith("/") && !shown.endsWith("/") ? `${shown}/` : shown;
}

/** A plan message that starts with the file's repository path, with that path as shown instead. */
export function withShownPath(message: string, file: string, shown: string): string {
  return file !== "" && message.startsWith(file) ? shown + message.slice(file.length) : message;
}
