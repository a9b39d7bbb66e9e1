import { posix } from "node:path";
import type { Stage } from "@alpinize/dockerfile";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import {
  existsInRepo,
  type Found,
  filesRunFromDirectory,
  type LinkedFile,
  resolveSource,
} from "./context-sources.js";
import { danglingSource, type LinkEnd, linkEndFields } from "./dangling-source.js";
import { type MissingScript, missingSource } from "./missing-source.js";
import { linkOutOfContext } from "./outside-source.js";
import { isScriptAs } from "./script-content.js";
import type { ScriptReference } from "./script-reference.js";
import {
  type Absence,
  type Absent,
  fromStage,
  inheritRuns,
  type Landed,
  type Linked,
  type LinkedSource,
  linkedFiles,
  rank,
  scriptRun,
} from "./stage-landing.js";
import {
  type Copy,
  landingPath,
  type Run,
  type Runs,
  readStage,
  runOf,
  type ScriptRole,
  type StageRead,
} from "./stage-read.js";

/** A file of the repository that ENTRYPOINT or CMD gives to another interpreter, and which. */
export interface GivenFile {
  /** POSIX path relative to the repository root. */
  path: string;
  destination: string;
  /** The COPY that brings it in. */
  line: number;
  stage: number;
  by: "ENTRYPOINT" | "CMD";
  /** `make`, `node`, `python3`… */
  program: string;
}

/**
 * One stage as the scan goes through it: what it holds from the stage it builds on
 * (`inherited…`, undefined for a stage built on an image) and its own copies of those maps,
 * which its COPYs change.
 */
interface StageScan {
  index: number;
  read: StageRead;
  /** What its ENTRYPOINT and CMD run, those it inherits included. */
  runs: Runs;
  inherited?: Landed;
  landed: Landed;
  inheritedAbsent?: Absent;
  absent: Absent;
  inheritedLinked?: Linked;
  linked: Linked;
}

/** Where ENTRYPOINT/CMD scripts that cannot be returned are named (see findCopiedScripts). */
export interface Unreturned {
  missing?: MissingScript[];
  outside?: MissingScript[];
  /** Files of the repository ENTRYPOINT/CMD give to another interpreter (make, node…). */
  given?: GivenFile[];
}

/**
 * The scan behind findCopiedScripts: the stages in order, each keeping per stage what a stage
 * built on it starts with (files landed, sources missing or linked out, PATH, what runs).
 */
export class CopiedScripts {
  private readonly out = new Map<string, ScriptReference>();
  private readonly contexts: string[];
  // Per stage: where files from the repository landed in its filesystem, for COPY --from.
  private readonly landed: Landed[] = [];
  // Per stage: whether a RUN in it (or in a stage it is built on) may have made files.
  private readonly builds: boolean[] = [];
  // Per stage: what its ENTRYPOINT and CMD run, those it inherits from the stage it builds on included.
  private readonly running: Runs[] = [];
  // Per stage: its PATH, which a stage built on it starts with.
  private readonly paths: (readonly string[])[] = [];
  // Per stage: where a COPY source the context lacks would have landed, for a stage built on it.
  private readonly absent: Absent[] = [];
  // Per stage: where a COPY source that links out of the context landed, likewise.
  private readonly linked: Linked[] = [];

  constructor(
    private readonly root: string,
    private readonly dockerfile: string,
    private readonly stages: readonly Stage[],
    private readonly unreturned: Unreturned,
  ) {
    this.contexts = [...new Set([posix.dirname(dockerfile), "."])];
  }

  /** The scripts found, by path. */
  references(): ScriptReference[] {
    return [...this.out.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  async stage(stage: Stage): Promise<void> {
    const st = this.open(stage);
    for (const copy of st.read.copies)
      for (const source of copy.sources) await this.copySource(copy, source, st);
    // `COPY entry.sh` in the stage built on, `ENTRYPOINT ["/entry.sh"]` here: this stage runs it.
    if (st.read.runs.size === 0) return;
    this.inheritedUnreturned(st);
    await this.inheritedScripts(st);
  }

  /** Starts a stage from what the stage it builds on left (or nothing), and records its state. */
  private open(stage: Stage): StageScan {
    const parent = stage.parent?.index;
    const inherited = parent === undefined ? undefined : this.landed[parent];
    const inheritedAbsent = parent === undefined ? undefined : this.absent[parent];
    const inheritedLinked = parent === undefined ? undefined : this.linked[parent];
    const read = readStage(stage.body, parent === undefined ? undefined : this.paths[parent]);
    const st: StageScan = {
      index: stage.index,
      read,
      runs: inheritRuns(read, parent === undefined ? undefined : this.running[parent]),
      landed: new Map(inherited),
      absent: new Map(inheritedAbsent),
      linked: new Map(inheritedLinked),
      ...(inherited ? { inherited } : {}),
      ...(inheritedAbsent ? { inheritedAbsent } : {}),
      ...(inheritedLinked ? { inheritedLinked } : {}),
    };
    this.landed.push(st.landed);
    this.absent.push(st.absent);
    this.linked.push(st.linked);
    this.builds.push(
      (parent !== undefined && this.builds[parent] === true) ||
        stage.body.some((ins) => ins.keyword === "RUN"),
    );
    this.paths.push(st.read.path);
    this.running.push(st.runs);
    return st;
  }

  /** One source of a COPY: where it lands, and the scripts it brings that the image runs. */
  private async copySource(copy: Copy, source: string, st: StageScan): Promise<void> {
    const found =
      copy.from === undefined
        ? await resolveSource(this.root, this.contexts, source)
        : fromStage(copy.from, source, this.stages, this.landed, this.builds);
    const link = found?.directory ? undefined : await this.linkedOut(copy, source, st.linked);
    if (link) {
      st.landed.delete(link.at);
      this.noteOutside(copy.line, linkedFiles(link.at, link.entry, st.runs), st.runs, st.index);
      return;
    }
    if (found === undefined) {
      await this.noteAbsent(copy, source, st);
      return;
    }
    // `COPY . /src` then `RUN make`: /src/out/app is a build output, never in the repository.
    if (found.maybeBuilt && !(await existsInRepo(this.root, found.path))) return;
    // A folder's contents land in the destination itself; a file under its own name.
    const at = found.directory ? copy.destination : landingPath(copy, source);
    if (at.startsWith("/")) {
      const key = withoutTrailingSlashes(at) || "/";
      st.landed.set(key, { ...found, line: copy.line });
      st.absent.delete(key);
      st.linked.delete(key);
    }
    const { scripts, linked } = await this.filesOf(found, copy.destination, st.runs, () =>
      landingPath(copy, source),
    );
    this.noteOutside(copy.line, linked, st.runs, st.index);
    for (const { path, destination } of scripts) {
      const run = runOf(destination, st.runs);
      // `node /app/server.js`, a Makefile, a jar, a `#!/usr/bin/env python3` file: no shell script.
      if (await isScriptAs(this.root, path, run?.how))
        this.record(path, run?.role ?? "copied", destination, copy.line, st.index);
      else this.noteGiven(path, destination, run, copy.line, st.index);
    }
  }

  /** The files ENTRYPOINT/CMD run of a found source: itself (landed at `file()`), or a folder's. */
  private async filesOf(found: Found, destination: string, runs: Runs, file: () => string) {
    if (!found.directory)
      return { scripts: [{ path: found.path, destination: file() }], linked: [] };
    return filesRunFromDirectory(
      this.root,
      found,
      destination,
      runs,
      this.unreturned.outside !== undefined,
    );
  }

  /** A source the context lacks: named when the stage (or one built on it) runs it. */
  private async noteAbsent(copy: Copy, source: string, st: StageScan): Promise<void> {
    if (!this.unreturned.missing || copy.from !== undefined) return;
    if (!(await missingSource(this.root, this.contexts, source))) return;
    const at = landingPath(copy, source);
    if (at.startsWith("/")) st.absent.set(at, { line: copy.line, source });
    this.noteMissing(at, { line: copy.line, source }, scriptRun(at, st.runs), st.index);
  }

  /** Missing or linked-out files of the stage built on that this stage's ENTRYPOINT/CMD run. */
  private inheritedUnreturned(st: StageScan): void {
    const runs = st.read.runs;
    for (const [at, gone] of st.inheritedAbsent ?? []) {
      if (st.absent.get(at) === gone) this.noteMissing(at, gone, scriptRun(at, runs), st.index);
    }
    for (const [at, entry] of st.inheritedLinked ?? []) {
      if (st.linked.get(at) !== entry) continue;
      this.noteOutside(entry.line, linkedFiles(at, entry, runs), runs, st.index);
    }
  }

  /** Files the stage built on copied that this stage's own ENTRYPOINT/CMD run. */
  private async inheritedScripts(st: StageScan): Promise<void> {
    if (!st.inherited) return;
    const runs = st.read.runs;
    for (const [at, found] of st.inherited) {
      if (st.landed.get(at) !== found) continue;
      const { scripts, linked } = await this.filesOf(found, at, runs, () => at);
      this.noteOutside(found.line ?? 0, linked, runs, st.index);
      for (const { path, destination } of scripts) {
        const run = runOf(destination, runs);
        if (!run) continue;
        if (await isScriptAs(this.root, path, run.how))
          this.record(path, run.role, destination, found.line ?? 0, st.index);
        else this.noteGiven(path, destination, run, found.line ?? 0, st.index);
      }
    }
  }

  /** A file an interpreter reads (`make -f /app/Makefile`): named, never returned. */
  private noteGiven(
    path: string,
    destination: string,
    run: Run | undefined,
    line: number,
    stage: number,
  ): void {
    if (run?.how !== "read" || run.program === undefined) return;
    const by = run.role === "entrypoint" ? "ENTRYPOINT" : "CMD";
    this.unreturned.given?.push({ path, destination, line, stage, by, program: run.program });
  }

  private noteMissing(at: string, gone: Absence, run: Run | undefined, stage: number): void {
    if (!run) return;
    const by = run.role === "entrypoint" ? "ENTRYPOINT" : "CMD";
    this.unreturned.missing?.push({ ...gone, destination: at, stage, by });
  }

  /**
   * A file that links out of the context or to nothing, run from where it landed: named, never
   * returned.
   */
  private noteOutside(line: number, files: LinkedFile[], runs: Runs, stage: number): void {
    for (const { source, at, inFolder, ...end } of files) {
      const run = scriptRun(at, runs);
      if (!run) continue;
      const by = run.role === "entrypoint" ? "ENTRYPOINT" : "CMD";
      this.unreturned.outside?.push({
        line,
        source,
        destination: at,
        stage,
        by,
        ...(inFolder ? { inFolder } : {}),
        ...linkEndFields(end),
      });
    }
  }

  /**
   * A COPY source that links out of the context, or to nothing: where it lands kept for the
   * stages built on it.
   */
  private async linkedOut(copy: Copy, source: string, own: Linked) {
    if (!this.unreturned.outside || copy.from !== undefined) return undefined;
    const link = await this.brokenLink(source);
    if (link === undefined) return undefined;
    const at = link.directory
      ? withoutTrailingSlashes(copy.destination)
      : landingPath(copy, source);
    const entry: LinkedSource = { line: copy.line, source, ...link };
    if (at.startsWith("/")) own.set(withoutTrailingSlashes(at) || "/", entry);
    return { at, entry };
  }

  /** How a COPY source is a link Docker does not copy the file of: out of the context, or to nothing. */
  private async brokenLink(
    source: string,
  ): Promise<({ directory: boolean } & Partial<LinkEnd>) | undefined> {
    const out = await linkOutOfContext(this.root, this.contexts, source);
    if (out) return out;
    const end = danglingSource(this.root, this.contexts, source);
    return end === undefined ? undefined : { directory: false, ...end };
  }

  private record(
    path: string,
    role: ScriptRole,
    destination: string,
    line: number,
    stage: number,
  ): void {
    const previous = this.out.get(path);
    if (previous && previous.role === role && !previous.stages.includes(stage)) {
      previous.stages.push(stage);
    } else if (!previous || rank(role) > rank(previous.role)) {
      this.out.set(path, {
        path,
        role,
        dockerfile: this.dockerfile,
        line,
        destination,
        stages: [stage],
      });
    }
  }
}
