/** The rules of the entrypoint lint, each finding's `rule`. */
export type LintRule =
  | "gnu-option"
  | "shadow-tool"
  | "gosu"
  | "su-exec-group"
  | "nologin-path"
  | "hidden-failure"
  | "bash-syntax"
  | "syntax"
  | "crlf"
  | "bom"
  | "sudo"
  | "group-name"
  | "runuser"
  | "setpriv"
  | "alpine-id"
  | "echo-escapes";

export interface LintFinding {
  rule: LintRule;
  severity: "error" | "warning";
  /** 1-based. */
  line: number;
  column: number;
  message: string;
  fix: string;
}

/** Records a finding at `offset` of the script (the lint's callback to the rules it calls). */
export type Add = (
  rule: LintRule,
  offset: number,
  message: string,
  fix: string,
  severity?: string,
) => void;
