// Apart from nested.ts so StageState (scope.ts) can name it without a type import cycle.

/**
 * What runs a `-c` string: `sh` (Debian's /bin/sh), `dash`, or another shell (bash, ash; the login
 * shell `su`/`runuser` start, `flock`'s `$SHELL`), whose echo reads escapes as the caller's did.
 */
export type StringShell = "sh" | "dash" | "other";
