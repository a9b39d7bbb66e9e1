import { busyboxRejections } from "@alpinize/busybox";
import { literal, type Word } from "../shell/scan.js";

export interface OptionProblem {
  word: Word;
  message: string;
  /** What to write instead; for find and ps it also names the package with the GNU tool. */
  fix: string;
}

/**
 * The GNU-only options in one command's arguments, and values busybox cannot read (`date -d
 * yesterday`, `find -type f,d`, `ps -o %cpu`), from @alpinize/busybox's tables measured against
 * musl busybox with Alpine's options. A word that expands at run time is not judged.
 */
export function busyboxOptionProblems(command: string, args: Word[]): OptionProblem[] {
  const words = args.map((w) => literal(w.text));
  return busyboxRejections(command, words).map((r) => ({
    word: args[r.index]!,
    message: r.message,
    fix: r.advice,
  }));
}
