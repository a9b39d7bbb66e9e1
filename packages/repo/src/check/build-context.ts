import { posix } from "node:path";
import { danglingSource, type LinkEnd } from "../discover/dangling-source.js";
import { missingSource } from "../discover/missing-source.js";
import { leadsOutOfContext, linkOutOfContext } from "../discover/outside-source.js";
import { type Copy, landingPath } from "../discover/scripts.js";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import {
  type ContextEntry,
  type ContextFileReader,
  contextEntry,
  contextReader,
} from "../plan/context.js";
import { type Copies, CopyIndex } from "./copy-index.js";

export type { Copies } from "./copy-index.js";

/** A file of the build context: the context folder it was found in, and its path there. */
export interface ContextFile {
  context: string;
  path: string;
}

/** Its path under the check's root, as findings name it: the name in the context, never a link's target. */
export function rootPath(file: ContextFile): string {
  return posix.join(file.context, file.path);
}

type Source = (ContextFile & { directory: boolean }) | undefined;

/** Bytes of a file read for its `#!` line. */
const FIRST_LINE_BYTES = 256;

/** How one context folder is looked into: migrate's reader, and the kind of a path by its rule. */
interface ContextLookup {
  entry: (path: string) => ContextEntry;
  text: ContextFileReader;
  head: ContextFileReader;
}

/**
 * The build context on disk, each source, kind, text and first line looked up once. Paths are
 * taken as contextReader (what migrate reads) takes them: a link, the file's own or a folder's on
 * the way, is followed while it stays in the context (`in.sh -> lib/inside.sh`: Docker copies
 * the file it points to), never out of it (see linkedOut).
 */
export class BuildContext {
  private readonly sources = new Map<string, Source>();
  private readonly lines = new Map<string, string | undefined>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly kinds = new Map<string, ContextEntry>();
  private readonly lookups = new Map<string, ContextLookup>();
  private readonly index = new CopyIndex();

  constructor(
    private readonly root: string,
    private readonly contexts: readonly string[],
  ) {}

  /** The context file the newest COPY that lands on one of `targets` brought there. */
  async landed(copies: Copies, targets: readonly string[]): Promise<ContextFile | undefined> {
    // Only sources that land on a target or in a folder above one can answer.
    for (const { copy, source } of this.index.candidates(copies, targets, true)) {
      const found = this.source(source);
      if (!found) continue;
      if (!found.directory) {
        if (targets.includes(landingPath(copy, source))) return found;
        continue;
      }
      const dest = withoutTrailingSlashes(copy.destination);
      for (const target of targets) {
        if (!target.startsWith(`${dest}/`)) continue;
        const file = {
          context: found.context,
          path: posix.join(found.path, target.slice(dest.length + 1)),
        };
        if (this.kind(file) === "file") return file;
      }
    }
    return undefined;
  }

  /**
   * The newest COPY source that would land on one of `targets` but that no context holds (see
   * missingSource): asked when `landed` found nothing, so the file is named as not checked.
   */
  async absent(
    copies: Copies,
    targets: readonly string[],
  ): Promise<{ copy: Copy; source: string } | undefined> {
    for (const { copy, source } of this.index.candidates(copies, targets, false)) {
      if (await missingSource(this.root, this.contexts, source)) return { copy, source };
    }
    return undefined;
  }

  /**
   * The newest COPY that would put a file on one of `targets` from a path of the context that is
   * a link leading out of it (the file's own, or a folder's on the way), or a link to nothing
   * (`dangling`: the missing name): asked when `landed` found nothing, so the file is named as
   * not read. `source`: that path (the file's path inside a copied folder); `target`: where it
   * lands.
   */
  async linkedOut(
    copies: Copies,
    targets: readonly string[],
  ): Promise<
    | ({
        copy: Copy;
        source: string;
        target: string;
        inFolder: boolean;
      } & Partial<LinkEnd>)
    | undefined
  > {
    for (const { copy, source } of this.index.candidates(copies, targets, true)) {
      for (const { path, target } of sourcePaths(copy, source, targets)) {
        const out = await linkOutOfContext(this.root, this.contexts, path);
        const end = out ? undefined : danglingSource(this.root, this.contexts, path);
        if (!out && end === undefined) continue;
        // A file of a folder the COPY names: Docker copies its link; a link named stops the build.
        const inFolder =
          path !== source && !(await leadsOutOfContext(this.root, this.contexts, source));
        return {
          copy,
          source: path,
          target,
          inFolder,
          ...end,
          ...(out?.folder !== undefined ? { folder: out.folder } : {}),
        };
      }
    }
    return undefined;
  }

  /** The file's first line (`#!…`), when it is a regular file of its context. */
  firstLine(file: ContextFile): string | undefined {
    return this.once(this.lines, file, () => {
      const head = this.lookup(file.context).head(file.path);
      return typeof head === "string" ? head.split("\n")[0]?.replace(/\r$/, "") : undefined;
    });
  }

  /**
   * The file's text, when it is a regular text file of its context that a script could be: not
   * larger than the files alpinize reads (MAX_TEXT_BYTES), and no binary.
   */
  text(file: ContextFile): string | undefined {
    return this.once(this.texts, file, () => {
      // A program or an archive a RUN runs from the context is no script: it is not read as one.
      const text = this.lookup(file.context).text(file.path);
      return typeof text === "string" && !text.includes("\u0000") ? text : undefined;
    });
  }

  private source(source: string): Source {
    if (this.sources.has(source)) return this.sources.get(source);
    const found = this.resolve(source);
    this.sources.set(source, found);
    return found;
  }

  /** The first context holding `source` as a file or folder (through links that stay in it). */
  private resolve(source: string): Source {
    if (/[*?[$]/.test(source) || source.split("/").includes("..")) return undefined;
    for (const context of this.contexts) {
      const path = withoutTrailingSlashes(source) || ".";
      const kind = this.kind({ context, path });
      if (kind === "file" || kind === "directory")
        return { context, path, directory: kind === "directory" };
    }
    return undefined;
  }

  private kind(file: ContextFile): ContextEntry {
    return this.once(this.kinds, file, () => this.lookup(file.context).entry(file.path));
  }

  private lookup(context: string): ContextLookup {
    let lookup = this.lookups.get(context);
    if (!lookup) {
      const contexts = [context];
      lookup = {
        entry: contextEntry(this.root, context),
        text: contextReader(this.root, { contexts }),
        head: contextReader(this.root, { contexts, limit: FIRST_LINE_BYTES, head: true }),
      };
      this.lookups.set(context, lookup);
    }
    return lookup;
  }

  /** `make(file)`, asked once per file and kept in `cache`. */
  private once<T>(cache: Map<string, T>, file: ContextFile, make: () => T): T {
    const key = `${file.context}\0${file.path}`;
    if (cache.has(key)) return cache.get(key) as T;
    const value = make();
    cache.set(key, value);
    return value;
  }
}

/** The context paths a COPY source may have put on a target: itself, or a file of its folder. */
function sourcePaths(
  copy: Copy,
  source: string,
  targets: readonly string[],
): { path: string; target: string }[] {
  const landing = landingPath(copy, source);
  if (targets.includes(landing)) return [{ path: source, target: landing }];
  const dest = withoutTrailingSlashes(copy.destination);
  return targets
    .filter((t) => t.startsWith(`${dest}/`))
    .map((t) => ({ path: posix.join(source, t.slice(dest.length + 1)), target: t }));
}
