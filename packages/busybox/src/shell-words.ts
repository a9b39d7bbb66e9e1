/**
 * Shell keywords that are never a command's name where a command's name would stand: reserved
 * words that open or close a compound command, and `!` and `time`, which prefix a pipeline (bash
 * and busybox ash read `time` so). `@alpinize/entrypoint` and `@alpinize/repo` read shell text
 * with this one set. `case`, `for`, `select` and `in` are not here (their readers skip a whole
 * header), nor is `esac` (they track a case's pattern list on their own).
 */
export const SHELL_KEYWORDS: ReadonlySet<string> = new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "while",
  "until",
  "!",
  "{",
  "}",
  "time",
]);
