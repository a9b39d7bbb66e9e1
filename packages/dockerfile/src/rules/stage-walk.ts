import type { Instruction } from "../parse/types.js";
import type { ImageDir } from "./image-dirs.js";
import type { ImageFiles, Landed } from "./image-files.js";

// What the walk over a stage's COPY/ADD lines (stage-files.ts, stage-inherited.ts,
// stage-programs.ts) records, apart from them so each can name it without a type import cycle.

export interface CopiedFile extends Landed {
  /**
   * The first RUN that executes the file where it lands, and the file offset of that call; `shell`:
   * the shell it was given to (`sh x.sh`), which reads it whatever its `#!` line says.
   */
  run?: { ins: Instruction; offset: number; shell?: string };
  /** ENTRYPOINT or CMD starts it; `shell`: the shell it is given to (`CMD ["sh", "/start.sh"]`). */
  started?: { shell?: string };
}

export interface Walk {
  dir: ImageDir;
  path: readonly string[];
  /** Folders a WORKDIR made: a COPY to one of them puts the file inside it. */
  made: Set<string>;
  image: ImageFiles;
  out: CopiedFile[];
  listed: Set<Landed>;
  bySource: Map<string, CopiedFile>;
  programs: { word: string; shell?: string; dir: ImageDir; ins: Instruction }[];
  inherited: InheritedStart[];
  /** Bare names a RUN runs looked up along PATH in the parents' images, for the PATH now. */
  byName: Map<string, Landed | undefined>;
  /** The stage's own COPY/ADD: a file found through one of another stage is listed apart. */
  copies: Set<Instruction>;
  /** A COPY source (named, or a file of a copied folder) the reader refused as a link out. */
  outside: (source: string, ins: Instruction, inFolder: boolean) => void;
}

/**
 * A file a stage starts (ENTRYPOINT/CMD) or a RUN of it runs by its path (not through PATH) that
 * a stage it is built FROM copied (`FROM base` with `CMD ["/app/run.sh"]` under base's
 * `COPY . /app`): `by` starts or runs it (the first RUN that does), `shell` as for `started`.
 */
export interface InheritedStart {
  file: Landed;
  by: Instruction;
  shell?: string;
}
