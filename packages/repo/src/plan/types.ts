import type { RepoConfig } from "../config/types.js";
import type { ScriptRole } from "../discover/scripts.js";
import type { StageInfo } from "../dockerfile/stages.js";
import type { Risk } from "../risks/types.js";
import type { DockerfileResult, TransformWarning } from "../transforms.js";
import type { LinkInfo } from "../workspace/links.js";
import type { ContentStamp } from "../workspace/stamp.js";

export interface FilePlan {
  /** POSIX path relative to the repository root. */
  file: string;
  kind: "dockerfile" | "script";
  /** For scripts: how the image uses it; for Dockerfiles undefined. */
  role?: ScriptRole;
  /** For scripts: the Dockerfiles that copy it. */
  copiedBy?: string[];
  before: string;
  /**
   * The file as it was read: `applyPlan` writes it only while it still holds these bytes, so an
   * edit made during the run is kept. Absent, the file is written whatever it holds.
   */
  stamp?: ContentStamp;
  after: string;
  changed: boolean;
  warnings: TransformWarning[];
  /** Scripts only: what the entrypoint rewrite changed. */
  edits?: { rule: string; line: number; message: string }[];
  /** Dockerfiles only: the transform's full result and the stages before and after. */
  result?: DockerfileResult;
  stagesBefore?: StageInfo[];
  stagesAfter?: StageInfo[];
  /** Scripts only: left as they are because only stages `images.ignore` names run them. */
  kept?: "images.ignore";
  /** Images from `images.ignore` this file kept as they were. */
  keptImages?: string[];
}

/** A compose file or workflow line naming a base image a Dockerfile moves away from. */
export interface ImageMention {
  file: string;
  line: number;
  kind: "compose" | "workflow";
  image: string;
  /** What the Dockerfile now uses instead. */
  replacement: string;
}

export interface SkippedFile {
  file: string;
  /** Why it was left untouched (the parse error, with its line). */
  message: string;
  /** The stable error code (ALPINIZE_…), or the system's (EACCES) for a failed write. */
  code?: string;
  /** What to do about it, from the error that stopped it (the CLI prints it, as check does). */
  hint?: string;
  /**
   * Set for a symbolic link named like a Dockerfile (code ALPINIZE_REPO_SYMLINK): where it leads.
   * Such a Dockerfile was not migrated, so the CLI exits 2 as `check` does for it.
   */
  link?: LinkInfo;
  /**
   * Set for a script an image the migration covers runs as its ENTRYPOINT or CMD that was not
   * read (a symbolic link, never followed): it would have been rewritten, so the migration is
   * not complete and the CLI exits 2, as `check` does for it. A link only copied is a warning.
   */
  unrewritten?: true;
}

export interface RepoPlan {
  root: string;
  release: string;
  /** `release` is alpinize's default: neither --alpine nor the config's `alpine` chose it. */
  defaultRelease?: true;
  config: RepoConfig;
  files: FilePlan[];
  unparsable: SkippedFile[];
  /**
   * Files not looked at: symbolic links named like a Dockerfile (with `link`; the Dockerfile was
   * not migrated), scripts that are symbolic links (never followed), FIFOs, sockets and devices
   * named like a Dockerfile or copied as a script (code ALPINIZE_REPO_NOT_REGULAR, never opened;
   * not migrated), and compose files or workflows that could not be read (binary, too large,
   * unreadable).
   */
  skipped: SkippedFile[];
  mentions: ImageMention[];
  risks: Risk[];
  /** Paths .gitignore kept out of discovery. */
  ignored: string[];
  /**
   * The other files the run read, by absolute path: the ignore files discovery followed
   * (`.gitignore`, `.git/info/exclude`) and the build-context files the Dockerfile transform read
   * (a script a RUN runs). Like `files`, they are inputs an output such as `--report` must not
   * replace.
   */
  inputs: string[];
  /** Pins added by `--pin`, filled in by pinPlan. */
  pins: PinRecord[];
}

export interface PinRecord {
  file: string;
  line: number;
  reference: string;
  digest: string;
}

/** Dockerfiles are counted first, then the scripts they copy (`kind` says which). */
export type PlanProgress = (
  step: string,
  index: number,
  total: number,
  kind: "dockerfile" | "script",
) => void;

export type { RepoConfig };
