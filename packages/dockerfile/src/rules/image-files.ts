import type { ContextFileRead } from "../migrate/types.js";
import type { Instruction } from "../parse/types.js";
import { withoutTrailingSlashes } from "./trailing-slashes.js";

/** A build-context file as it lands in the image. */
export interface Landed {
  source: string;
  content: string;
  instruction: Instruction;
}

/** A folder of the build context copied into the image: `COPY bin/ /usr/local/bin/`, `COPY . .`. */
export interface FolderCopy {
  /** The context folder (`.` for the whole context). */
  source: string;
  /** Where its contents go (resolved, no trailing slash). */
  dest: string;
  instruction: Instruction;
  /** `COPY scripts/*.sh /usr/local/bin/`: the names the glob takes, straight into dest. */
  names?: string;
}

/**
 * What `COPY --from=STAGE SRC DEST` brings: the path SRC (file or folder) of that stage's image,
 * at DEST of this one.
 */
export interface StageCopy {
  image: ImageFiles;
  source: string;
  dest: string;
  /** Only `dest` itself, not paths under it: the file a source names lands there. */
  exact?: boolean;
}

/** Context reads, and folder copies tried for a path, one stage may spend (bounded work). */
const MAX_READS = 4096;
const MAX_TRIES = 4 * MAX_READS;
/** `COPY --from` copies a stage's image keeps, and how many stages deep a path is followed. */
const MAX_STAGE_COPIES = 256;
const MAX_STAGE_DEPTH = 64;

/** A folder of the image in a tree of path components, with the copies made into it. */
interface Folder {
  children: Map<string, Folder>;
  copies: { seq: number; copy: FolderCopy }[];
}

const folderNode = (): Folder => ({ children: new Map(), copies: [] });

/**
 * What the COPY/ADD instructions read so far put where in the image: the files they copy by name,
 * and the files inside the folders they copy, read from the context when a path asks for them.
 * Paths are `resolveIn` results. A path is walked down a tree of the folders copied into (no scan
 * of every copy, no slice per level), and its answer is kept with the number of copies it
 * considered, so a later question looks only at the copies made since.
 */
export class ImageFiles {
  private count = 0;
  private tries = 0;
  private readonly files = new Map<string, { seq: number; file: Landed }>();
  /** Folders copied into: absolute ones, and those relative to the base's WORKDIR. */
  private readonly roots = { absolute: folderNode(), relative: folderNode() };
  private folderCount = 0;
  private readonly answers = new Map<string, { seen: number; seq: number; hit?: Landed }>();
  private readonly reads = new Map<string, string | undefined>();
  private readonly stageCopies: { seq: number; copy: StageCopy }[] = [];

  /**
   * `outside`: called once per source the reader refused as a link out of the build context,
   * with the folder COPY that would bring it in.
   */
  constructor(
    private readonly read: (path: string) => ContextFileRead,
    private readonly outside: (source: string, instruction: Instruction) => void = () => {},
  ) {}

  get empty(): boolean {
    return this.count === 0;
  }

  /** A context file COPYed to `path`. */
  file(path: string, file: Landed): void {
    this.files.set(path, { seq: ++this.count, file });
  }

  /** A context folder COPYed to `copy.dest`. */
  folder(copy: FolderCopy): void {
    let node = this.root(copy.dest);
    for (const part of parts(copy.dest)) {
      let next = node.children.get(part);
      if (!next) {
        next = folderNode();
        node.children.set(part, next);
      }
      node = next;
    }
    node.copies.push({ seq: ++this.count, copy });
    this.folderCount++;
  }

  /**
   * A `COPY --from` of an earlier stage: the context files that stage's image holds under
   * `copy.source` (as it was when that stage ended) are found under `copy.dest` here.
   */
  fromStage(copy: StageCopy): void {
    if (this.stageCopies.length < MAX_STAGE_COPIES)
      this.stageCopies.push({ seq: ++this.count, copy });
  }

  /**
   * The context file at image path `path` now: the latest copy that put one there. One that came
   * through `fromStage` keeps the COPY of the stage that copied it from the context.
   */
  at(path: string, depth = 0): Landed | undefined {
    const direct = this.files.get(path);
    const inFolder = this.folderCount === 0 ? { seq: 0 } : this.fromFolders(path);
    let best = inFolder.hit ? { seq: inFolder.seq, file: inFolder.hit } : undefined;
    if (direct && (!best || direct.seq > best.seq)) best = direct;
    for (let k = this.stageCopies.length - 1; k >= 0 && depth < MAX_STAGE_DEPTH; k--) {
      const { seq, copy } = this.stageCopies[k]!;
      if (best && best.seq > seq) break;
      const inside = under(path, copy.dest);
      if (inside === undefined || (copy.exact && inside !== "")) continue;
      const from = inside === "" ? copy.source : `${withoutTrailingSlashes(copy.source)}/${inside}`;
      const hit = copy.image.at(from, depth + 1);
      if (hit) return hit;
    }
    return best?.file;
  }

  private root(path: string): Folder {
    return path.startsWith("/") ? this.roots.absolute : this.roots.relative;
  }

  private fromFolders(path: string): { seq: number; hit?: Landed } {
    const known = this.answers.get(path) ?? { seen: 0, seq: 0 };
    const names = parts(path);
    // Copies into a folder above the path made since it was last asked, with the folder's depth.
    const newer: { seq: number; copy: FolderCopy; depth: number }[] = [];
    let node: Folder | undefined = this.root(path);
    for (let depth = 0; node && depth < names.length; depth++) {
      for (let k = node.copies.length - 1; k >= 0 && node.copies[k]!.seq > known.seen; k--)
        newer.push({ ...node.copies[k]!, depth });
      node = node.children.get(names[depth]!);
    }
    newer.sort((a, b) => b.seq - a.seq);
    let answer = known;
    for (const n of newer) {
      if (++this.tries > MAX_TRIES) break;
      const hit = this.inFolder(n.copy, names.slice(n.depth).join("/"));
      if (hit) {
        answer = { seen: 0, seq: n.seq, hit };
        break;
      }
    }
    this.answers.set(path, { ...answer, seen: this.count });
    return answer;
  }

  private inFolder(copy: FolderCopy, rest: string): Landed | undefined {
    if (copy.names !== undefined && (rest.includes("/") || !globMatch(copy.names, rest)))
      return undefined;
    const source =
      copy.source === "." || copy.source === "./"
        ? rest
        : `${withoutTrailingSlashes(copy.source)}/${rest}`;
    const content = this.readOnce(source, copy.instruction);
    return content === undefined ? undefined : { source, content, instruction: copy.instruction };
  }

  private readOnce(source: string, instruction: Instruction): string | undefined {
    if (this.reads.has(source)) return this.reads.get(source);
    if (this.reads.size >= MAX_READS) return undefined;
    const got = this.read(source);
    const content = typeof got === "string" ? got : undefined;
    if (got !== undefined && content === undefined) this.outside(source, instruction);
    this.reads.set(source, content);
    return content;
  }
}

/** `path` relative to folder `dest` ("" for dest itself), or undefined when it is not in it. */
function under(path: string, dest: string): string | undefined {
  if (path === dest) return "";
  const folder = dest.endsWith("/") ? dest : `${dest}/`;
  return path.startsWith(folder) ? path.slice(folder.length) : undefined;
}

/** The names along a resolved path (`/a/b` and `a/b` both give a, b). */
function parts(path: string): string[] {
  return path.split("/").filter((p) => p !== "");
}

/**
 * Whether `name` matches a glob of `*` and `?` (no `/` in either): one pass with one star to go
 * back to, so a long name against a glob of many stars costs their product, not an exponent.
 */
export function globMatch(glob: string, name: string): boolean {
  let g = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (g < glob.length && (glob[g] === "?" || glob[g] === name[n])) {
      g++;
      n++;
    } else if (g < glob.length && glob[g] === "*") {
      star = g++;
      mark = n;
    } else if (star >= 0) {
      g = star + 1;
      n = ++mark;
    } else return false;
  }
  while (g < glob.length && glob[g] === "*") g++;
  return g === glob.length;
}

/**
 * The groups of `^(?:(.*)\/)?([^/]*[*?][^/]*)$`: the folder before the last slash (none without
 * one) and the last part, which holds `*` or `?`. Read from the last slash: that expression tried
 * every slash and every star of a long path.
 */
export function splitGlob(source: string): [string, string | undefined, string] | undefined {
  const slash = source.lastIndexOf("/");
  const name = source.slice(slash + 1);
  if (!/[*?]/.test(name)) return undefined;
  if (slash === -1) return [source, undefined, source];
  // `.` stops at line breaks: the folder part cannot hold one.
  if (/[\n\r\u2028\u2029]/.test(source.slice(0, slash))) return undefined;
  return [source, source.slice(0, slash), name];
}
