/** Stable ids of the `alpinize check` rules; documented in the package README. */
export const RULE_IDS = [
  "apt-in-alpine",
  "apk-no-cache",
  "apk-unknown-package",
  "alpine-release-unknown",
  "debian-base",
  "base-image-unpinned",
  "from-credentials",
  "from-reference",
  "go-netdns",
  "shadow-user-commands",
  "nologin-path",
  "alpine-id-taken",
  "entrypoint-lint",
  "bash-missing",
  "bash-syntax",
  "echo-escapes",
  "shims-missing",
  "debian-program",
  "busybox-option",
  "busybox-no-applet",
  "exec-as-missing",
  "script-not-found",
  "make-recipes",
  "context-link",
  "init-system",
  "unknown-group",
  "unknown-user",
  "glibc-only",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export interface Finding {
  /** POSIX path relative to the checked root (or as given for single files). */
  file: string;
  line: number;
  /** 1-based column, where a rule points inside the line (an echo in a `sh -c` string). */
  column?: number;
  rule: RuleId;
  /** `error` fails the check (exit 1); `warning` is printed but does not. */
  severity: "error" | "warning";
  /** What is wrong and what to do, in one line. */
  message: string;
  /**
   * A summary finding's count of the further findings of its rule that are not listed one by
   * one: `echo-escapes` past the first 100 of an instruction, any rule past the first 1,000 of a
   * Dockerfile (`FINDINGS_LISTED`).
   */
  more?: number;
}

export interface CheckSettings {
  skip: readonly string[];
  requireDigests: boolean;
  ignoreImages: readonly string[];
}
