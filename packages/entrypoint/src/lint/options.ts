import { busyboxRejections, type Rejection, shadowOnlyOption } from "@alpinize/busybox";
import { literal, type Word } from "../shell/scan.js";

export interface OptionProblem {
  word: Word;
  message: string;
  /** What to write instead; for find and ps it also names the package with the GNU tool. */
  fix: string;
}

const LONG_WITH_VALUE = /^(--[A-Za-z0-9][A-Za-z0-9-]*=)(.*)$/s;

/**
 * The text an applet gets for one word, or undefined where it is known only at run time. A
 * `--name=VALUE` word whose VALUE is an unquoted glob or an expansion still names its option:
 * `--include=*.sh` matches no file (none starts with `--include=`), so sh passes it as written,
 * and `--exclude=$pat` is refused whatever `$pat` holds. The value keeps its `$` or glob, which
 * the value checks (`date --date=$when`) treat as unknown.
 */
export function optionWordText(text: string): string | undefined {
  const lit = literal(text);
  if (lit !== undefined) return lit;
  const m = LONG_WITH_VALUE.exec(text);
  if (!m) return undefined;
  return `${m[1]}${literal(m[2]!) ?? m[2]}`;
}

/**
 * The GNU-only options in one command's arguments, and values busybox cannot read (`date -d
 * yesterday`, `find -type f,d`, `ps -o %cpu`), from @alpinize/busybox's tables measured against
 * musl busybox with Alpine's options. A word that expands at run time is not judged, but for the
 * option a `--name=VALUE` word names.
 */
export function busyboxOptionProblems(command: string, args: Word[]): OptionProblem[] {
  const words = args.map((w) => optionWordText(w.text));
  return busyboxRejections(command, words).map((r) => ({
    word: args[r.index]!,
    message: r.message,
    fix: r.advice,
  }));
}

/**
 * The first option of a `passwd` or `chpasswd` call that only shadow's tool takes (`passwd -x 90`,
 * `passwd --lock`, `chpasswd -s 5000`), from @alpinize/busybox's table measured against musl
 * busybox; undefined for busybox's own (`passwd -l`, `chpasswd -e`) and for other commands.
 */
export function shadowOptionProblem(
  command: string,
  args: Word[],
): { word: Word; rejection: Rejection } | undefined {
  const rejection = shadowOnlyOption(
    command,
    args.map((w) => optionWordText(w.text)),
  );
  return rejection && { word: args[rejection.index]!, rejection };
}
