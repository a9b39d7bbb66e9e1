import { InputError } from "@alpinize/errors";

/** The message for a directory that could not be listed, with its path as shown to the user. */
export function unreadableDirectoryMessage(shown: string, code: string): string {
  return `${shown}: cannot read this directory (${code}); the files in it were not looked at`;
}

export function unreadableRoot(root: string, code: string, cause?: unknown): InputError {
  return new InputError("ALPINIZE_REPO_UNREADABLE", unreadableDirectoryMessage(root, code), {
    hint: "Give this user read and search permission on it (chmod a+rx DIR), or run alpinize as a user who may read it.",
    details: { file: root },
    ...(cause !== undefined ? { cause } : {}),
  });
}
