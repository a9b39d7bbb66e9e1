/** What a link loop is called in messages: "no such file" or a bare ELOOP hides it. */
export const LINK_LOOP = "symbolic link loop (too many levels of symbolic links)";

/** The hint for a path that cannot be opened because its links lead back into each other. */
export const LINK_LOOP_HINT =
  "Fix the link (ls -l shows where each link points), or pass the file it should lead to.";

/**
 * Why a file operation failed, in a few words for a message: a link loop and a missing file by
 * name, anything else by its errno code (EACCES), or the error's text when it has no code.
 */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ELOOP") return LINK_LOOP;
  if (code === "ENOENT") return "no such file";
  if (typeof code === "string") return code;
  return err instanceof Error ? err.message : String(err);
}

/** Whether a file operation failed on a symbolic link loop. */
export function isLinkLoop(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === "ELOOP";
}

/**
 * What a symbolic link whose target is missing is called: the link is there, what it names is
 * not, and "no such file" for a name `ls` lists would send the user looking in the wrong place.
 */
export function danglingLink(target: string): string {
  return `dangling symbolic link (to ${target}, which does not exist)`;
}

/** The hint for a dangling link. */
export const DANGLING_LINK_HINT =
  "Create the file the link points to, fix the link (ls -l shows where it points), or pass the file itself.";
