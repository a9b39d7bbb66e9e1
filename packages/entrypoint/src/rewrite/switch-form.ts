/**
 * util-linux `runuser` and `setpriv` calls read for what they mean, so that a call meaning "run
 * this command as USER[:GROUP]" becomes `alpinize_exec_as`. busybox has no runuser, and its
 * setpriv takes only -d, --nnp and capability options, so both fail on Alpine without the
 * runuser or setpriv package. Measured with util-linux 2.38 (Debian bookworm): runuser -u USER
 * gives USER's primary group and groups; -g GROUP (or a single -G GROUP) gives that group only;
 * runuser USER -c STRING runs USER's login shell with -c STRING and the words after it as $0,
 * $1…; setpriv --init-groups gives --regid's group plus USER's groups, --clear-groups no others.
 */
export type SwitchForm =
  | {
      kind: "exec-as";
      /** Shell source of the user and group words. */
      user: string;
      group?: string;
      /** Shell source of the command's words. */
      command: string[];
      message: string;
    }
  | { kind: "declined"; reason: string; fix: string }
  /** setpriv without a user switch: busybox's own setpriv takes every option unless `missing`. */
  | { kind: "no-switch"; missing: string[] };

export const HOME_NOTE = "HOME becomes the user's home (as gosu and su-exec set it)";

export function declined(reason: string, fix: string): SwitchForm {
  return { kind: "declined", reason, fix };
}
