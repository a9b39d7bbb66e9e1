import { lstat, open, realpath } from "node:fs/promises";
import { join, posix, sep } from "node:path";
import {
  analyzeStages,
  DEFAULT_PATH,
  type Instruction,
  parseDockerfile,
  pathAfterEnv,
} from "@alpinize/dockerfile";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import { instructionWords, splitLeadingFlags } from "../dockerfile/words.js";
import { type MissingScript, missingSource } from "./missing-source.js";
import { linkOutOfContext } from "./outside-source.js";
import { runLocations } from "./run-path.js";

export type ScriptRole = "entrypoint" | "cmd" | "copied";

/** A script in the repository that a Dockerfile copies into its image. */
export interface ScriptReference {
  /** POSIX path relative to the repository root. */
  path: string;
  role: ScriptRole;
  dockerfile: string;
  /** Line of the COPY that brings it in. */
  line: number;
  /** Where it lands in the image. */
  destination: string;
  /** Indexes of the stages that use it in `role` (COPY it there, and for entrypoint/cmd run it). */
  stages: number[];
}

export interface Copy {
  /** The stage named by `--from=`, for a copy out of an earlier stage. */
  from?: string;
  sources: string[];
  /** Absolute when the COPY's destination was relative to a WORKDIR. */
  destination: string;
  line: number;
}

const SCRIPT_NAME = /\.(?:sh|bash|ash)$/;

/**
 * Finds the scripts a Dockerfile COPYs from the build context (tried as the Dockerfile's own
 * folder, then the repository root) and tells which of them the image runs as ENTRYPOINT or CMD.
 * Only files that exist in the repository are returned; a script ENTRYPOINT or CMD runs whose
 * COPY source is in neither folder is added to `missing`, when given. With `outside`, one whose
 * COPY source is a link leading out of the build context (its own, or a folder's on the way) is
 * added there instead of being returned (Docker never copies the file it points to); without it,
 * a link of its own is returned, as every link, to be reported as skipped.
 */
export async function findCopiedScripts(
  root: string,
  dockerfile: string,
  text: string,
  missing?: MissingScript[],
  outside?: MissingScript[],
): Promise<ScriptReference[]> {
  const doc = parseDockerfile(text, { fileName: dockerfile });
  const { stages } = analyzeStages(doc);
  const out = new Map<string, ScriptReference>();
  const contexts = uniq([posix.dirname(dockerfile), "."]);
  // Per stage: where files from the repository landed in its filesystem, for COPY --from.
  const landed: Landed[] = [];
  // Per stage: whether a RUN in it (or in a stage it is built on) may have made files.
  const builds: boolean[] = [];
  // Per stage: what its ENTRYPOINT and CMD run, those it inherits from the stage it builds on included.
  const running: Runs[] = [];
  // Per stage: its PATH, which a stage built on it starts with.
  const paths: (readonly string[])[] = [];
  // Per stage: where a COPY source the context lacks would have landed, for a stage built on it.
  const absent: Absent[] = [];
  // Per stage: where a COPY source that links out of the context landed, likewise.
  const linked: Linked[] = [];
  const noteMissing = (at: string, gone: Absence, role: ScriptRole, stage: number) => {
    if (role === "copied") return;
    const by = role === "entrypoint" ? "ENTRYPOINT" : "CMD";
    missing?.push({ ...gone, destination: at, stage, by });
  };
  // A file that links out of the context, run from where it landed: named, never returned.
  const noteOutside = (line: number, files: LinkedFile[], runs: Runs, stage: number) => {
    for (const { source, at, inFolder } of files) {
      const role = roleOf(at, runs);
      if (role === "copied") continue;
      const by = role === "entrypoint" ? "ENTRYPOINT" : "CMD";
      outside?.push({
        line,
        source,
        destination: at,
        stage,
        by,
        ...(inFolder ? { inFolder } : {}),
      });
    }
  };
  // A COPY source that links out of the context: where it lands kept for the stages built on it.
  const linkedOut = async (copy: Copy, source: string, own: Linked) => {
    if (!outside || copy.from !== undefined) return undefined;
    const link = await linkOutOfContext(root, contexts, source);
    if (link === undefined) return undefined;
    const at = link.directory
      ? withoutTrailingSlashes(copy.destination)
      : landingPath(copy, source);
    const entry = { line: copy.line, source, directory: link.directory };
    if (at.startsWith("/")) own.set(withoutTrailingSlashes(at) || "/", entry);
    return { at, entry };
  };
  const record = (
    path: string,
    role: ScriptRole,
    destination: string,
    line: number,
    stage: number,
  ) => {
    const previous = out.get(path);
    if (previous && previous.role === role && !previous.stages.includes(stage)) {
      previous.stages.push(stage);
    } else if (!previous || rank(role) > rank(previous.role)) {
      out.set(path, { path, role, dockerfile, line, destination, stages: [stage] });
    }
  };
  for (const stage of stages) {
    const inherited = stage.parent ? landed[stage.parent.index] : undefined;
    const own: Landed = new Map(inherited);
    landed.push(own);
    const inheritedAbsent = stage.parent ? absent[stage.parent.index] : undefined;
    const ownAbsent: Absent = new Map(inheritedAbsent);
    absent.push(ownAbsent);
    const inheritedLinked = stage.parent ? linked[stage.parent.index] : undefined;
    const ownLinked: Linked = new Map(inheritedLinked);
    linked.push(ownLinked);
    builds.push(
      (stage.parent !== undefined && builds[stage.parent.index] === true) ||
        stage.body.some((ins) => ins.keyword === "RUN"),
    );
    const read = readStage(stage.body, stage.parent ? paths[stage.parent.index] : undefined);
    paths.push(read.path);
    const runs = inheritRuns(read, stage.parent ? running[stage.parent.index] : undefined);
    running.push(runs);
    for (const copy of read.copies) {
      for (const source of copy.sources) {
        const found =
          copy.from === undefined
            ? await resolveSource(root, contexts, source)
            : fromStage(copy.from, source, stages, landed, builds);
        const link = found?.directory ? undefined : await linkedOut(copy, source, ownLinked);
        if (link) {
          own.delete(link.at);
          noteOutside(copy.line, linkedFiles(link.at, link.entry, runs), runs, stage.index);
          continue;
        }
        if (found === undefined) {
          if (missing && copy.from === undefined && (await missingSource(root, contexts, source))) {
            const at = landingPath(copy, source);
            if (at.startsWith("/")) ownAbsent.set(at, { line: copy.line, source });
            noteMissing(at, { line: copy.line, source }, roleOf(at, runs), stage.index);
          }
          continue;
        }
        // `COPY . /src` then `RUN make`: /src/out/app is a build output, never in the repository.
        if (found.maybeBuilt && !(await existsInRepo(root, found.path))) continue;
        // A folder's contents land in the destination itself; a file under its own name.
        const at = found.directory ? copy.destination : landingPath(copy, source);
        if (at.startsWith("/")) {
          own.set(withoutTrailingSlashes(at) || "/", { ...found, line: copy.line });
          ownAbsent.delete(withoutTrailingSlashes(at) || "/");
          ownLinked.delete(withoutTrailingSlashes(at) || "/");
        }
        const { scripts: candidates, linked: out } = found.directory
          ? await filesRunFromDirectory(root, found, copy.destination, runs, outside !== undefined)
          : { scripts: [{ path: found.path, destination: landingPath(copy, source) }], linked: [] };
        noteOutside(copy.line, out, runs, stage.index);
        for (const { path, destination } of candidates) {
          const role = roleOf(destination, runs);
          if (role === "copied" && !SCRIPT_NAME.test(path)) continue;
          record(path, role, destination, copy.line, stage.index);
        }
      }
    }
    // `COPY entry.sh` in the stage built on, `ENTRYPOINT ["/entry.sh"]` here: this stage runs it.
    if (read.runs.size > 0) {
      for (const [at, gone] of inheritedAbsent ?? []) {
        if (ownAbsent.get(at) === gone) noteMissing(at, gone, roleOf(at, read.runs), stage.index);
      }
      for (const [at, entry] of inheritedLinked ?? []) {
        if (ownLinked.get(at) !== entry) continue;
        noteOutside(entry.line, linkedFiles(at, entry, read.runs), read.runs, stage.index);
      }
    }
    if (!inherited || read.runs.size === 0) continue;
    for (const [at, found] of inherited) {
      if (own.get(at) !== found) continue;
      const { scripts: candidates, linked: out } = found.directory
        ? await filesRunFromDirectory(root, found, at, read.runs, outside !== undefined)
        : { scripts: [{ path: found.path, destination: at }], linked: [] };
      noteOutside(found.line ?? 0, out, read.runs, stage.index);
      for (const { path, destination } of candidates) {
        const role = roleOf(destination, read.runs);
        if (role !== "copied") record(path, role, destination, found.line ?? 0, stage.index);
      }
    }
  }
  return [...out.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * `maybeBuilt`: the path lies inside a folder copied into a stage that also RUNs commands;
 * `context`: the context folder a source of the build context was found in.
 */
type Found = { path: string; directory: boolean; maybeBuilt?: boolean; context?: string };
/** `line`: the COPY that put it there. */
type Landed = Map<string, Found & { line?: number }>;
type Runs = Map<string, ScriptRole>;
/** A COPY source the build context lacks, and the COPY's line. */
type Absence = { line: number; source: string };
/** Image path → the COPY whose source the context lacks, that would have put a file there. */
type Absent = Map<string, Absence>;
/** A COPY source that links out of the context (a file, or a folder), and the COPY's line. */
type LinkedSource = Absence & { directory: boolean };
/** Image path → the COPY that put a link out of the context there. */
type Linked = Map<string, LinkedSource>;
/**
 * A file the image would run that links out of the context: its path in the context, where it
 * lands, and whether it came in with a copied folder (see MissingScript).
 */
type LinkedFile = { source: string; at: string; inFolder?: boolean };

/**
 * A stage keeps the ENTRYPOINT of the stage it builds on unless it sets its own, and its CMD
 * unless it sets CMD or ENTRYPOINT (a new ENTRYPOINT clears the inherited CMD).
 */
function inheritRuns(read: StageRead, parent: Runs | undefined): Runs {
  if (!parent) return read.runs;
  const runs: Runs = new Map(read.runs);
  for (const [word, role] of parent) {
    if (runs.has(word)) continue;
    if (role === "entrypoint" && !read.entrypoint) runs.set(word, role);
    if (role === "cmd" && !read.entrypoint && !read.cmd) runs.set(word, role);
  }
  return runs;
}

/** `COPY --from=stage SRC`: the repository file that stage COPYed to SRC, if any. */
function fromStage(
  name: string,
  source: string,
  stages: readonly { alias?: string; index: number }[],
  landed: readonly Landed[],
  builds: readonly boolean[],
): Found | undefined {
  const stage =
    stages.find((s) => s.alias?.toLowerCase() === name.toLowerCase()) ??
    (/^\d+$/.test(name) ? stages[Number(name)] : undefined);
  if (!stage) return undefined;
  const files = landed[stage.index];
  if (!files || source.includes("*") || source.includes("$")) return undefined;
  const wanted = posix.resolve("/", source).replace(/\/+$/, "");
  const exact = files.get(wanted);
  if (exact) return exact;
  for (const [dest, found] of files) {
    const prefix = dest === "/" ? "/" : `${dest}/`;
    if (!found.directory || !wanted.startsWith(prefix)) continue;
    const rest = wanted.slice(prefix.length);
    const path = posix.join(found.path, rest);
    return builds[stage.index]
      ? { path, directory: false, maybeBuilt: true }
      : { path, directory: false };
  }
  return undefined;
}

function isCopy(ins: Instruction): boolean {
  return ins.keyword === "COPY" || ins.keyword === "ADD";
}

/** The stage's context COPYs and run targets, relative paths resolved against WORKDIR. */
export interface StageRead {
  copies: Copy[];
  /** What the stage's own ENTRYPOINT and CMD run. */
  runs: Runs;
  entrypoint: boolean;
  cmd: boolean;
  /** The stage's PATH when it runs: the one it started with, changed by its ENV PATH. */
  path: readonly string[];
}

/** `path`: the search path the stage starts with (the PATH of the stage it builds on). */
export function readStage(body: Instruction[], path: readonly string[] = DEFAULT_PATH): StageRead {
  const copies: Copy[] = [];
  const runs: Runs = new Map();
  const named: { word: string; role: ScriptRole; first: boolean; workdir: string }[] = [];
  let search = path;
  let entrypoint = false;
  let cmd = false;
  let workdir = "/";
  for (const ins of body) {
    if (ins.keyword === "WORKDIR") {
      const dir = instructionWords(ins.args.text)[0] ?? "";
      if (dir && !dir.includes("$")) workdir = posix.resolve(workdir, dir);
    } else if (ins.keyword === "ENV") {
      search = pathAfterEnv(ins, search);
    } else if (isCopy(ins)) {
      copies.push(readCopy(ins, workdir));
    } else if (ins.keyword === "ENTRYPOINT" || ins.keyword === "CMD") {
      const role: ScriptRole = ins.keyword === "ENTRYPOINT" ? "entrypoint" : "cmd";
      if (role === "entrypoint") entrypoint = true;
      else cmd = true;
      for (const [k, word] of instructionWords(ins.args.text).entries()) {
        // `./entry.sh` runs from WORKDIR; a bare word (`serve`, `node`) is not a path.
        const target = word.startsWith("./") ? posix.resolve(workdir, word) : word;
        if (!runs.has(target)) runs.set(target, role);
        named.push({ word, role, first: k === 0, workdir });
      }
    }
  }
  // The container looks names up in the image's final PATH, so ENV PATH after CMD counts too.
  for (const { word, role, first, workdir: at } of named)
    for (const location of runLocations(word, first, search, at))
      if (!runs.has(location)) runs.set(location, role);
  return { copies, runs, entrypoint, cmd, path: search };
}

export function readCopy(ins: Instruction, workdir = "/"): Copy {
  const flagText = /^(?:\s*--\S+)*/.exec(ins.args.text)?.[0] ?? "";
  const from = /(?:^|\s)--from=(\S+)/.exec(flagText)?.[1]?.replace(/^["']|["']$/g, "");
  const { rest: leftover } = splitLeadingFlags(
    instructionWords(ins.args.text.slice(flagText.length)),
  );
  const words = leftover.filter((w) => !/^[a-z]+:\/\//i.test(w));
  const raw = words.at(-1) ?? "";
  const trailing = raw.endsWith("/") || raw === "." ? "/" : "";
  const destination =
    raw === "" || raw.startsWith("/") || raw.includes("$")
      ? raw
      : `${posix.resolve(workdir, raw).replace(/\/+$/, "")}${trailing}`;
  return {
    ...(from !== undefined ? { from } : {}),
    sources: words.slice(0, -1),
    destination,
    line: ins.line,
  };
}

export function landingPath(copy: Copy, source: string): string {
  const dest = copy.destination;
  const base = posix.basename(withoutTrailingSlashes(source));
  if (dest.endsWith("/") || copy.sources.length > 1) return posix.join(dest, base);
  return dest;
}

/**
 * The files of a COPY source that links out of the context that `runs` names: the file where it
 * landed (`at`), or for a linked folder each one run from under `at`, by its path inside.
 */
function linkedFiles(at: string, link: LinkedSource, runs: Runs): LinkedFile[] {
  if (!link.directory) return [{ source: link.source, at }];
  const folder = at.endsWith("/") ? at : `${at}/`;
  return [...runs.keys()]
    .filter((word) => word.startsWith(folder))
    .map((word) => ({ source: posix.join(link.source, word.slice(folder.length)), at: word }));
}

function roleOf(destination: string, runs: Map<string, ScriptRole>): ScriptRole {
  for (const [word, role] of runs) {
    if (word === destination || posix.basename(word) === posix.basename(destination)) {
      if (word.startsWith("/") && destination.startsWith("/") && word !== destination) continue;
      return role;
    }
  }
  return "copied";
}

/**
 * A copied directory contributes the files ENTRYPOINT/CMD run from under its destination. With
 * `links`, one that leads out of the directory's context through a link (its own, or a folder's
 * under the directory) is returned under `linked` instead, by its path in that context.
 */
async function filesRunFromDirectory(
  root: string,
  dir: Found,
  destination: string,
  runs: Map<string, ScriptRole>,
  links = false,
): Promise<{ scripts: { path: string; destination: string }[]; linked: LinkedFile[] }> {
  const destDir = withoutTrailingSlashes(destination);
  const scripts: { path: string; destination: string }[] = [];
  const linked: LinkedFile[] = [];
  for (const word of runs.keys()) {
    if (!word.startsWith(`${destDir}/`)) continue;
    const suffix = word.slice(destDir.length + 1);
    if (suffix.includes("..")) continue;
    const path = posix.join(dir.path, suffix);
    if (links && dir.context !== undefined) {
      const source = posix.relative(dir.context, path);
      if (await linkOutOfContext(root, [dir.context], source)) {
        linked.push({ source, at: word, inFolder: true });
        continue;
      }
    }
    // A whole folder (often the whole context) lands there: only shell scripts are taken, not
    // the `server.js` or binary a CMD also names.
    if (await isShellScript(root, path)) scripts.push({ path, destination: word });
  }
  return { scripts, linked };
}

async function resolveSource(
  root: string,
  contexts: string[],
  source: string,
): Promise<Found | undefined> {
  if (source.includes("*") || source.includes("$") || source.includes("..")) return undefined;
  for (const context of contexts) {
    const rel = posix.normalize(posix.join(context, source)).replace(/\/+$/, "");
    if (rel.startsWith("..")) continue;
    if (!(await parentsInside(root, rel))) continue;
    const info = await lstat(join(root, rel)).catch(() => undefined);
    if (info?.isDirectory()) return { path: rel, directory: true, context };
    // A link, FIFO, socket or device is returned as a file so the plan and check can report it
    // as skipped; it is never read.
    if (info) return { path: rel, directory: false, context };
  }
  return undefined;
}

/** Whether `rel` is in the repository (a link counts: it is reported, never followed). */
async function existsInRepo(root: string, rel: string): Promise<boolean> {
  if (!(await parentsInside(root, rel))) return false;
  return (await lstat(join(root, rel)).catch(() => undefined)) !== undefined;
}

async function isShellScript(root: string, rel: string): Promise<boolean> {
  if (!(await parentsInside(root, rel))) return false;
  const info = await lstat(join(root, rel)).catch(() => undefined);
  if (info === undefined || info.isDirectory()) return false;
  // A link, FIFO, socket or device is kept only by name, to be reported as skipped: it is never
  // opened (a FIFO would wait for a writer).
  if (!info.isFile()) return SCRIPT_NAME.test(rel);
  if (SCRIPT_NAME.test(rel)) return true;
  const handle = await open(join(root, rel), "r").catch(() => undefined);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    const first = buffer.subarray(0, bytesRead).toString("latin1").split("\n")[0] ?? "";
    return /^#!\s*\S*\/(?:env\s+)?(?:ba|da|a)?sh\b/.test(first);
  } finally {
    await handle.close();
  }
}

/** False when a folder on the way to `rel` is a link leading out of the repository. */
async function parentsInside(root: string, rel: string): Promise<boolean> {
  const parent = posix.dirname(rel);
  if (parent === ".") return true;
  const [realRoot, realParent] = await Promise.all([
    realpath(root).catch(() => undefined),
    realpath(join(root, parent)).catch(() => undefined),
  ]);
  if (realRoot === undefined || realParent === undefined) return false;
  return realParent === realRoot || realParent.startsWith(`${realRoot}${sep}`);
}

function rank(role: ScriptRole): number {
  return role === "entrypoint" ? 2 : role === "cmd" ? 1 : 0;
}

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}
