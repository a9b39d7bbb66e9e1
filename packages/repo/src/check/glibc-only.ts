import {
  DATA_DIR,
  DATA_FILE,
  type DockerfileText,
  type GlibcArtifact,
  glibcAddArtifacts,
  glibcArtifacts,
  type Instruction,
  lineFinder,
  runHeredocs,
} from "@alpinize/dockerfile";
import { readCopy } from "../discover/stage-read.js";
import { stageLinks } from "../dockerfile/stage-links.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { stageWorld } from "./apk-history.js";
import { stageRelease } from "./apk-names.js";
import { startsContainers } from "./container-start.js";

/** A glibc build in an Alpine stage, judged by where it ends up. */
export interface GlibcOnly {
  line: number;
  severity: "error" | "warning";
  message: string;
}

/** Where an artifact lands: the stage, and the COPY line that brought it there (none: its own). */
interface Landing {
  stage: StageInfo;
  copy?: { line: number; from: string };
}

/** The packages that let musl's loader run glibc programs (libc6-compat pulls gcompat). */
const COMPAT = ["gcompat", "libc6-compat"] as const;

/**
 * Rule `glibc-only`: the glibc builds migrate's `glibc` rule finds (glibcArtifacts: .NET
 * `-r linux-x64`, Rust `-unknown-linux-gnu`, Node.js's official tarballs, `linux-gnu` assets…) in
 * a RUN of an Alpine stage. An error where the build ends up in an image a container runs on
 * Alpine (the stage itself, one built FROM it, or one that COPYs anything but data out of it) that
 * has no gcompat: the program stops at start with "not found". A warning where it stays in build
 * stages. `manylinux` wheels and `.deb` archives are warnings: pip on Alpine refuses the wheel
 * (the build stops there) and a .deb runs nothing until it is unpacked.
 */
export function glibcOnly(stages: readonly StageInfo[], skip: (s: StageInfo) => boolean) {
  const out: GlibcOnly[] = [];
  // One Dockerfile: every stage's `file` holds the same text.
  let lineAt: ((offset: number) => number) | undefined;
  // Where a stage's build lands depends on the stage and its output folder only: found once.
  const fates = new Map<string, Fate>();
  const copiesOf = stageCopies(stages);
  for (const stage of stages) {
    if (stage.family !== "alpine" || skip(stage)) continue;
    const release = stageRelease(stage);
    const file = stage.file;
    if (!file) continue;
    lineAt ??= lineFinderOf(file.text);
    for (const ins of stage.body) {
      if (ins.keyword !== "RUN" && ins.keyword !== "ADD") continue;
      for (const { artifact, line } of runArtifacts(file, ins, release, lineAt))
        out.push(judge(stage, artifact, line, fateOf(stage, stages, artifact, fates, copiesOf)));
    }
  }
  return out;
}

/** Where a build ends up: the first image without gcompat it runs in, and how many run it. */
interface Fate {
  broken?: Landing;
  runs: number;
}

function fateOf(
  stage: StageInfo,
  stages: readonly StageInfo[],
  artifact: GlibcArtifact,
  fates: Map<string, Fate>,
  copiesOf: (s: StageInfo) => readonly StageCopy[],
): Fate {
  const key = `${stage.index}\0${artifact.output ?? ""}`;
  const known = fates.get(key);
  if (known) return known;
  const runs = landingsOf(stage, stages, artifact, copiesOf).filter((l) =>
    startsContainers(l.stage, stages),
  );
  const broken = runs.find((l) => l.stage.family === "alpine" && !hasCompat(l.stage, stages));
  const fate = { ...(broken ? { broken } : {}), runs: runs.length };
  fates.set(key, fate);
  return fate;
}

function judge(stage: StageInfo, artifact: GlibcArtifact, line: number, fate: Fate): GlibcOnly {
  if (artifact.kind === "wheel")
    return {
      line,
      severity: "warning",
      message: `${artifact.note}; pip on Alpine installs musllinux wheels only and refuses this one, so the build stops at pip`,
    };
  if (artifact.kind === "deb")
    return {
      line,
      severity: "warning",
      message: `${artifact.note}; a .deb holds Debian's glibc builds: install the software with apk instead`,
    };
  const first = fate.broken;
  if (first) {
    const where =
      first.copy === undefined
        ? first.stage === stage
          ? `It stays in Alpine stage ${stage.name}`
          : `Alpine stage ${first.stage.name} is built on stage ${stage.name}`
        : `COPY --from=${first.copy.from} on line ${first.copy.line} brings it into Alpine stage ${first.stage.name}`;
    return {
      line,
      severity: "error",
      message: `${artifact.note}. ${where}, which has no gcompat: musl cannot load the program and it fails at start ("not found"); build or fetch the musl version, or apk add gcompat in stage ${first.stage.name}`,
    };
  }
  if (fate.runs > 0)
    return {
      line,
      severity: "warning",
      message: `${artifact.note} (gcompat is installed where it runs)`,
    };
  return {
    line,
    severity: "warning",
    message: `${artifact.note}. It is built in build stage ${stage.name} only, which no container runs, and no stage copies it out; on Alpine it does not run without gcompat`,
  };
}

/** The artifacts of a RUN (its script and the here-documents it runs) or an ADD, with their lines. */
function runArtifacts(
  file: DockerfileText,
  ins: Instruction,
  release: string | undefined,
  lineAt: (offset: number) => number,
) {
  const flags = /^(?:\s*--\S+)*/.exec(ins.args.text)?.[0].length ?? 0;
  const text = ins.args.text.slice(flags);
  const out: { artifact: GlibcArtifact; line: number }[] = [];
  const found =
    ins.keyword === "ADD" ? glibcAddArtifacts(text, release) : glibcArtifacts(text, release);
  for (const artifact of found) {
    const at = ins.args.map[flags + artifact.index] ?? ins.start;
    out.push({ artifact, line: lineAt(at) });
  }
  if (ins.keyword !== "RUN") return out;
  for (const { heredoc } of runHeredocs(file, ins)) {
    const body = file.text.slice(heredoc.bodyStart, heredoc.bodyEnd);
    for (const artifact of glibcArtifacts(body, release))
      out.push({ artifact, line: lineAt(heredoc.bodyStart + artifact.index) });
  }
  return out;
}

/** A `COPY --from` of an earlier stage: its line, the name as written, its sources that are not data. */
interface StageCopy {
  line: number;
  from: string;
  source: StageInfo;
  code: string[];
}

/** Each stage's `COPY --from` lines of earlier stages, read once for every build asked about. */
function stageCopies(stages: readonly StageInfo[]): (s: StageInfo) => readonly StageCopy[] {
  const byRef = new Map<string, StageInfo>();
  for (const s of stages) {
    if (!byRef.has(s.name.toLowerCase())) byRef.set(s.name.toLowerCase(), s);
    byRef.set(String(s.index), s);
  }
  const known = new Map<StageInfo, StageCopy[]>();
  return (later) => {
    let copies = known.get(later);
    if (copies) return copies;
    copies = [];
    for (const ins of later.body) {
      if ((ins.keyword !== "COPY" && ins.keyword !== "ADD") || !/--from=/.test(ins.args.text))
        continue;
      const c = readCopy(ins);
      const source = c.from === undefined ? undefined : byRef.get(c.from.toLowerCase());
      if (!source || source.index >= later.index) continue;
      const code = c.sources
        .filter((p) => !(DATA_FILE.test(p) || DATA_DIR.test(p)))
        .map((p) => p.replace(/\/+$/, "") || "/");
      if (code.length > 0) copies.push({ line: c.line, from: c.from ?? "", source, code });
    }
    known.set(later, copies);
    return copies;
  };
}

/**
 * The stages the artifact of `stage` is in: the stage, those built FROM one that has it, and
 * those that COPY --from one that has it anything but data (outside a known output folder of the
 * build: `dotnet publish -o /out`, then `COPY --from=build /app/config.sh` does not bring it).
 */
function landingsOf(
  stage: StageInfo,
  stages: readonly StageInfo[],
  artifact: GlibcArtifact,
  copiesOf: (s: StageInfo) => readonly StageCopy[],
) {
  const links = stageLinks(stages);
  const landings: Landing[] = [{ stage }];
  const has = new Set([stage]);
  const output = artifact.output?.replace(/\/+$/, "");
  for (const later of stages) {
    if (later.index <= stage.index || has.has(later)) continue;
    const parent = links.parent(later);
    if (parent && has.has(parent)) {
      landings.push({ stage: later });
      has.add(later);
      continue;
    }
    const copy = copiesOf(later).find((c) => {
      if (!has.has(c.source)) return false;
      // Its output folder is known in the stage that built it; copied on, it is where it went.
      return c.code.some((path) => c.source !== stage || inOutput(path, output));
    });
    if (!copy) continue;
    landings.push({ stage: later, copy: { line: copy.line, from: copy.from } });
    has.add(later);
  }
  return landings;
}

/**
 * Whether a COPY source (not data, no trailing `/`) may hold a build whose output folder (no
 * trailing `/`) is `out`: in it or above it; any source when the folder is unknown or relative.
 */
function inOutput(src: string, out: string | undefined): boolean {
  if (out === undefined || !out.startsWith("/") || !src.startsWith("/")) return true;
  return src === out || src.startsWith(`${out}/`) || out.startsWith(src === "/" ? "/" : `${src}/`);
}

function hasCompat(stage: StageInfo, stages: readonly StageInfo[]): boolean {
  const world = stageWorld(stage, stages);
  return COMPAT.some((name) => world.has(name));
}

/** 1-based line of a file offset. */
function lineFinderOf(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return lineFinder(starts);
}
