/** A `# key=value` parser directive at the top of the file. */
export interface Directive {
  name: string;
  value: string;
  start: number;
  end: number;
  line: number;
}

/** A comment line between instructions (comments inside continuations are part of the instruction). */
export interface Comment {
  text: string;
  start: number;
  end: number;
  line: number;
}

export interface Heredoc {
  delimiter: string;
  /** `<<-`: leading tabs are stripped from body lines. */
  stripTabs: boolean;
  /** A quoted delimiter turns off expansion inside the body. */
  quoted: boolean;
  /** Source span of the body (the lines between the opener and the delimiter line). */
  bodyStart: number;
  bodyEnd: number;
}

/**
 * The argument text of an instruction as the builder sees it: continuations and comment lines
 * removed. `map[i]` is the source offset of `text[i]`, so edits on the logical text map back to
 * exact source spans (a typed array: 4 bytes a character, where a RUN may be 4 MiB).
 */
export interface LogicalText {
  text: string;
  map: Uint32Array;
  /** Source offset just past the last argument character. */
  end: number;
}

export interface Instruction {
  /** Upper-cased keyword: FROM, RUN, ... */
  keyword: string;
  /** Source offset of the keyword. */
  start: number;
  /** Source offset after the last character of the instruction (before its newline), heredocs included. */
  end: number;
  /** 1-based line of the keyword, and of the instruction's last line. */
  line: number;
  endLine: number;
  args: LogicalText;
  heredocs: Heredoc[];
  /** Shell form vs JSON exec form, for RUN/CMD/ENTRYPOINT/SHELL. */
  form: "shell" | "exec";
}

export interface ParsedDockerfile {
  text: string;
  escape: "\\" | "`";
  eol: "\n" | "\r\n";
  directives: Directive[];
  comments: Comment[];
  instructions: Instruction[];
  /** Source offset of the start of each line (0-based line index). */
  lineStarts: number[];
}
