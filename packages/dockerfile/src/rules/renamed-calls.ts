import type { SimpleCommand } from "../shell/script.js";
import type { ScriptScope } from "./scope.js";

/**
 * Debian's names for programs that Alpine installs under upstream's name and that take the same
 * call. Debian's gnupg1 (which migrate maps to Alpine's gnupg) ships GnuPG 1.4 as gpg1 and gpgv1;
 * Alpine has only GnuPG 2, whose gnupg package pulls in its gpg and gpgv subpackages (aports
 * main/gnupg, 3.21 to 3.24), so /usr/bin/gpg and /usr/bin/gpgv are there. The signature checks
 * images run (--recv-keys, --export, --verify, --batch) read the same in both.
 */
const RENAMED_CALLS: Readonly<Record<string, string>> = {
  gpg1: "gpg",
  gpgv1: "gpgv",
};

/** A plain word `gpg1` or `/usr/bin/gpg1`: no quotes, escapes or expansions to keep. */
const PLAIN = /^(?:[\w.+-]*\/)*[\w.+-]+$/;

/**
 * Renames the program a RUN command calls (itself, or behind `sudo`/`env`/`exec`…: `cmd` is the
 * view after its wrapper) when Debian names it otherwise; true when it did. Only the command word
 * changes: the same name inside a string, a path operand or an echo is not a call.
 */
export function renameDebianCall(scope: ScriptScope, cmd: SimpleCommand): boolean {
  const word = cmd.args[0];
  if (!word || word.value !== word.raw || !PLAIN.test(word.raw)) return false;
  const slash = word.raw.lastIndexOf("/");
  const name = word.raw.slice(slash + 1);
  const alpine = Object.hasOwn(RENAMED_CALLS, name) ? RENAMED_CALLS[name] : undefined;
  if (alpine === undefined) return false;
  scope.replaceWord(cmd, word, `${word.raw.slice(0, slash + 1)}${alpine}`, "apt");
  return true;
}
