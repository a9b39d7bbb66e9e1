import type { Stats } from "node:fs";

/** Thrown for a target that is a directory; carries `code: "EISDIR"` like the errno errors. */
export class OutputIsDirectoryError extends Error {
  readonly code = "EISDIR";
  readonly path: string;
  constructor(path: string) {
    super(`${path} is a directory`);
    this.name = "OutputIsDirectoryError";
    this.path = path;
  }
}

/**
 * Thrown for an existing file this user may not write (`access(W_OK)` fails, e.g. mode 0444):
 * renaming over it would work in a writable directory, but would ignore the file's own mode.
 */
export class OutputReadOnlyError extends Error {
  readonly code = "EACCES";
  readonly path: string;
  constructor(path: string, mode: number) {
    super(`read-only for this user (mode ${(mode & 0o7777).toString(8).padStart(4, "0")})`);
    this.name = "OutputReadOnlyError";
    this.path = path;
  }
}

/**
 * Thrown with `expected` when the file no longer holds what was read: someone wrote it (or
 * removed it) meanwhile. Nothing was written; `code: "ECHANGED"`.
 */
export class OutputChangedError extends Error {
  readonly code = "ECHANGED";
  readonly path: string;
  constructor(path: string, what: string) {
    super(`it changed while alpinize was working (${what}); it was left as it is now`);
    this.name = "OutputChangedError";
    this.path = path;
  }
}

/**
 * Thrown for an existing file whose owner or group this user cannot give the new file (not
 * root, another owner, or a group this user is not in): a rename would hand the file to this
 * user. Nothing was written; `code: "EPERM"`.
 */
export class OutputOwnerError extends Error {
  readonly code = "EPERM";
  readonly path: string;
  /** `owner`: another user's file; `group`: this user's file, of a group this user is not in. */
  readonly reason: "owner" | "group";
  readonly fileUid: number;
  readonly fileGid: number;
  constructor(path: string, old: Stats, uid: number) {
    const reason = old.uid !== uid ? "owner" : "group";
    const why =
      reason === "owner"
        ? `owned by uid ${old.uid}, not by you (uid ${uid}): replacing it would make it yours`
        : `its group ${old.gid} is not one of yours: replacing it would change its group`;
    super(`${why}, so it was left as it is (the file is replaced by a rename, never half written)`);
    this.name = "OutputOwnerError";
    this.path = path;
    this.reason = reason;
    this.fileUid = old.uid;
    this.fileGid = old.gid;
  }
}

/** Thrown with `inPlace` for a target that is not a regular file; `code: "ENOTREG"`. */
export class OutputNotRegularError extends Error {
  readonly code = "ENOTREG";
  readonly path: string;
  constructor(path: string) {
    super(`${path} is not a regular file (a pipe, device or /dev/fd path)`);
    this.name = "OutputNotRegularError";
    this.path = path;
  }
}

/**
 * Thrown for a path written as a folder (`out/`, `out/.`) that is not one: a shell redirection
 * refuses it, where the rename would make a file named `out`. Nothing was written;
 * `code: "EDIRPATH"`.
 */
export class OutputFolderPathError extends Error {
  readonly code = "EDIRPATH";
  readonly path: string;
  constructor(path: string, found: "nothing" | "not-a-folder") {
    const end = /\/\.{0,2}$/.exec(path)?.[0] ?? "/";
    super(
      `the path ends in ${end}, so it names a folder, and ${found === "nothing" ? "there is no such folder" : "what is there is not one"}`,
    );
    this.name = "OutputFolderPathError";
    this.path = path;
  }
}
