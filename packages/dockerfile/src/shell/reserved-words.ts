/**
 * Reserved words this package's shell readers take as keywords where a command starts; after
 * one, the next word is still at a command's start (`then case`, `fi esac`). Not busybox's
 * SHELL_KEYWORDS on purpose: `esac` is a keyword item here, and `time` stays a command word
 * (rules such as php-paths read it as a wrapper).
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "while",
  "until",
  "{",
  "}",
  "!",
  "esac",
]);
