/** Where a risk shows in the repository. */
export interface Evidence {
  file: string;
  line: number;
  /** The line's text, trimmed and shortened. */
  text: string;
  /** The migration rewrote the line: `text` is what it was, not what the file now says. */
  rewritten?: true;
}

export type RiskId =
  | "musl-dns"
  | "cgo-sqlite"
  | "glibc-binaries"
  | "id-collision"
  | "docker-socket-gid"
  | "busybox-tools"
  | "locale"
  | "shells"
  | "privilege-drop";

export interface Risk {
  id: RiskId;
  title: string;
  /** Why it matters on Alpine, and what to do; Markdown. */
  advice: string;
  evidence: Evidence[];
}

/** A text file of the repository as the risk detectors see it. */
export interface SourceFile {
  file: string;
  kind: "dockerfile" | "script";
  text: string;
}
