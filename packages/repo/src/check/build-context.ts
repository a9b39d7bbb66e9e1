import { lstat, open, realpath } from "node:fs/promises";
import { join, posix, sep } from "node:path";
import { isAlpinizeError } from "@alpinize/errors";
import { missingSource } from "../discover/missing-source.js";
import { leadsOutOfContext } from "../discover/outside-source.js";
import { type Copy, landingPath } from "../discover/scripts.js";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import { readTextFile } from "../workspace/files.js";
import { type Copies, CopyIndex } from "./copy-index.js";

export type { Copies } from "./copy-index.js";

type Kind = "file" | "directory" | undefined;
type Source = { path: string; directory: boolean } | undefined;

/** The build context on disk, each source and first line looked up once. */
export class BuildContext {
  private readonly sources = new Map<string, Promise<Source>>();
  private readonly lines = new Map<string, Promise<string | undefined>>();
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly kinds = new Map<string, Promise<Kind>>();
  private realRoot: Promise<string | undefined> | undefined;
  private readonly index = new CopyIndex();

  constructor(
    private readonly root: string,
    private readonly contexts: readonly string[],
  ) {}

  /** The context file the newest COPY that lands on one of `targets` brought there. */
  async landed(copies: Copies, targets: readonly string[]): Promise<string | undefined> {
    // Only sources that land on a target or in a folder above one can answer.
    for (const { copy, source } of this.index.candidates(copies, targets, true)) {
      const found = await this.source(source);
      if (!found) continue;
      if (!found.directory) {
        if (targets.includes(landingPath(copy, source))) return found.path;
        continue;
      }
      const dest = withoutTrailingSlashes(copy.destination);
      for (const target of targets) {
        if (!target.startsWith(`${dest}/`)) continue;
        const rel = posix.join(found.path, target.slice(dest.length + 1));
        if ((await this.kind(rel)) === "file") return rel;
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
   * a link leading out of it (the file's own, or a folder's on the way): asked when `landed`
   * found nothing, so the file is named as not read. `source`: that path (the file's path inside
   * a copied folder); `target`: where it lands.
   */
  async linkedOut(
    copies: Copies,
    targets: readonly string[],
  ): Promise<{ copy: Copy; source: string; target: string } | undefined> {
    for (const { copy, source } of this.index.candidates(copies, targets, true)) {
      for (const { path, target } of sourcePaths(copy, source, targets)) {
        if (await leadsOutOfContext(this.root, this.contexts, path))
          return { copy, source: path, target };
      }
    }
    return undefined;
  }

  /** The file's first line, when it is a regular file inside the root. */
  firstLine(rel: string): Promise<string | undefined> {
    let line = this.lines.get(rel);
    if (!line) {
      line = this.readFirstLine(rel);
      this.lines.set(rel, line);
    }
    return line;
  }

  /**
   * The file's text, when it is a regular text file inside the root that a script could be: not
   * larger than the files alpinize reads (MAX_TEXT_BYTES), and no binary.
   */
  text(rel: string): Promise<string | undefined> {
    let text = this.texts.get(rel);
    if (!text) {
      text = this.readText(rel);
      this.texts.set(rel, text);
    }
    return text;
  }

  private async readText(rel: string): Promise<string | undefined> {
    if ((await this.kind(rel)) !== "file") return undefined;
    // A program or an archive a RUN runs from the context is no script: its refusal is the answer.
    return readTextFile(join(this.root, rel), rel).catch((err: unknown) => {
      if (isAlpinizeError(err)) return undefined;
      throw err;
    });
  }

  private source(source: string): Promise<Source> {
    let found = this.sources.get(source);
    if (!found) {
      found = this.resolve(source);
      this.sources.set(source, found);
    }
    return found;
  }

  private async resolve(source: string): Promise<Source> {
    if (/[*?[$]/.test(source) || source.split("/").includes("..")) return undefined;
    for (const context of this.contexts) {
      const rel = posix.normalize(posix.join(context, source)).replace(/\/+$/, "") || ".";
      if (rel.startsWith("..")) continue;
      const kind = await this.kind(rel);
      if (kind === "file") return { path: rel, directory: false };
      if (kind === "directory") return { path: rel, directory: true };
    }
    return undefined;
  }

  /** A link is neither: alpinize reads no file through a link. */
  private kind(rel: string): Promise<Kind> {
    let kind = this.kinds.get(rel);
    if (!kind) {
      kind = this.lookKind(rel);
      this.kinds.set(rel, kind);
    }
    return kind;
  }

  private async lookKind(rel: string): Promise<Kind> {
    if (!(await this.inside(rel))) return undefined;
    const info = await lstat(join(this.root, rel)).catch(() => undefined);
    if (info?.isFile()) return "file";
    return info?.isDirectory() ? "directory" : undefined;
  }

  /** False when a folder on the way to `rel` is a link leading out of the root. */
  private async inside(rel: string): Promise<boolean> {
    const parent = posix.dirname(rel);
    if (parent === ".") return true;
    this.realRoot ??= realpath(this.root).catch(() => undefined);
    const [realRoot, realParent] = await Promise.all([
      this.realRoot,
      realpath(join(this.root, parent)).catch(() => undefined),
    ]);
    if (realRoot === undefined || realParent === undefined) return false;
    return realParent === realRoot || realParent.startsWith(`${realRoot}${sep}`);
  }

  private async readFirstLine(rel: string): Promise<string | undefined> {
    if ((await this.kind(rel)) !== "file") return undefined;
    const handle = await open(join(this.root, rel), "r").catch(() => undefined);
    if (!handle) return undefined;
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
      return buffer.subarray(0, bytesRead).toString("utf8").split("\n")[0]?.replace(/\r$/, "");
    } finally {
      await handle.close();
    }
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
