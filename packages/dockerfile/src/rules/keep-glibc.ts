import { globalArg } from "../global-args.js";
import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { type ArgDefault, rootStage, type Stage } from "../stages.js";
import { DATA_DIR, DATA_FILE } from "./data-paths.js";
import { familiarRepository, splitReference } from "./images.js";
import type { StageInfo } from "./stage-info.js";

/**
 * `--from=${BUILDER}`: the stage or image a global ARG's default names; other variables stay
 * unknown (undefined).
 */
export function copySource(from: string, args: readonly ArgDefault[]): string | undefined {
  const whole = /^\$\{?(\w+)\}?$/.exec(from);
  if (!whole) return from.includes("$") ? undefined : from;
  const value = globalArg(args, whole[1]!)?.value;
  return value === undefined || value === "" || value.includes("$") ? undefined : value;
}

/** Where programs and shared libraries live (`/opt/app/bin/app`, `lib/x.so.1`). */
const PROGRAM = /(?:^|\/)(?:s?bin|lib(?:64|exec)?)(?:\/|$)|\.so(?:\.\d+)*$/;

/**
 * JVM build images: what they make (jars, a launcher script) runs on any JRE, musl or glibc.
 * GraalVM's native-image makes glibc programs, so it is not among them.
 */
const JVM_BUILD =
  /(?:^|\/)(?:maven|gradle|sbt|scala-sbt|eclipse-temurin|openjdk|amazoncorretto|azul\/zulu[\w-]*|sapmachine|ibm-semeru-runtimes|clojure)$/;

/**
 * A stage that would move to Alpine but copies programs out of a stage that stays on glibc (its
 * image has no Alpine variant: hexpm/elixir's Debian tags, nvidia/cuda, haskell, gcc): the copied
 * release, binary or libraries would not run on musl, so the stage stays where it is. Returns what
 * it copies and from where, or undefined.
 */
export function glibcProgramsCopied(
  stage: Stage,
  earlier: readonly StageInfo[],
  args: readonly ArgDefault[] = [],
): { paths: string[]; source: StageInfo } | undefined {
  for (const { source, paths } of programCopies(stage, earlier, args)) {
    if (source.alpine || (source.family === "other" && rootImage(source) === "scratch")) continue;
    if (!jvmOutput(source, paths)) return { paths, source };
  }
  return undefined;
}

/** The earlier stage a `--from` names, by `AS` name (any case) or index: the first that fits. */
export function stageNamed(from: string, infos: readonly StageInfo[]): StageInfo | undefined {
  const { byAlias, byIndex } = stageIndex(infos);
  const alias = byAlias.get(from.toLowerCase());
  const index = byIndex.get(from);
  const at = alias === undefined ? index : index === undefined ? alias : Math.min(alias, index);
  return at === undefined ? undefined : infos[at];
}

/** Positions in a list of stages: of the first stage with each lower-case alias, and each index. */
interface StageIndex {
  size: number;
  last: StageInfo | undefined;
  byAlias: Map<string, number>;
  byIndex: Map<string, number>;
}

// One index per list: a file of thousands of stages each copying `--from` another asked once per
// COPY, and a search of the stages each time made migrating it grow with the square. The list
// only grows (from.ts appends each stage as it decides it), so what was added is indexed.
const indexes = new WeakMap<readonly StageInfo[], StageIndex>();

function stageIndex(infos: readonly StageInfo[]): StageIndex {
  let index = indexes.get(infos);
  if (!index || index.size > infos.length || infos[index.size - 1] !== index.last) {
    index = { size: 0, last: undefined, byAlias: new Map(), byIndex: new Map() };
    indexes.set(infos, index);
  }
  for (let i = index.size; i < infos.length; i++) {
    const { alias, index: n } = infos[i]!.stage;
    const name = alias?.toLowerCase();
    if (name !== undefined && !index.byAlias.has(name)) index.byAlias.set(name, i);
    if (!index.byIndex.has(String(n))) index.byIndex.set(String(n), i);
  }
  index.size = infos.length;
  index.last = infos[infos.length - 1];
  return index;
}

/**
 * COPY/ADD `--from` an earlier stage that bring in more than data files: the instruction, the
 * stage as written and as found, and the paths that may be programs.
 */
function* programCopies(
  stage: Stage,
  earlier: readonly StageInfo[],
  args: readonly ArgDefault[],
): Generator<{ ins: Instruction; from: string; source: StageInfo; paths: string[] }> {
  for (const ins of stage.body) {
    if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
    const { flags, rest } = splitFlags(ins.args.text);
    const written = flags.get("from");
    const from = written === undefined ? undefined : copySource(written, args);
    const source = from === undefined ? undefined : stageNamed(from, earlier);
    if (from === undefined || !source) continue;
    const paths = copyWords(ins.args.text.slice(rest))
      .slice(0, -1)
      .filter((w) => PROGRAM.test(w) || !(DATA_FILE.test(w) || DATA_DIR.test(w)));
    if (paths.length > 0) yield { ins, from, source, paths };
  }
}

/** A Java runtime itself (a jlink image, a JRE or JDK directory) is native code, not data. */
const JAVA_RUNTIME = /(?:^|\/)(?:jre|jdk|java|jvm|runtime)(?:[-\w.]*)(?:\/|$)|bin\/java$/i;

/**
 * What a JVM build image made (jars, a launcher script) runs on any JRE; a runtime it assembled
 * (`jlink --output /jre`) is that image's glibc build.
 */
export function jvmOutput(source: StageInfo, paths: readonly string[]): boolean {
  return onJvmBuild(source) && !paths.some((p) => JAVA_RUNTIME.test(p));
}

/** Whether the stage is built on a JVM build image (its output runs on any JRE). */
function onJvmBuild(info: StageInfo): boolean {
  return JVM_BUILD.test(familiarRepository(splitReference(rootImage(info)).name));
}

function rootImage(info: StageInfo): string {
  return rootStage(info.stage).image.toLowerCase();
}

/**
 * A stage that stays on glibc and also copies programs out of a stage that moves to Alpine: those
 * are musl builds now, which do not run there.
 */
export function warnMuslIntoKept(
  ctx: MigrationContext,
  stage: Stage,
  earlier: readonly StageInfo[],
): void {
  for (const { ins, from, source, paths } of programCopies(stage, earlier, ctx.globalArgs)) {
    if (!source.alpine || source.already) continue;
    ctx.warn(
      "glibc",
      ins.start,
      `${paths.join(", ")} comes from stage ${from}, which moves to Alpine (its programs are linked against musl), into this stage, which stays on glibc: build it with CGO_ENABLED=0 or statically, or keep stage ${from} on its Debian image`,
    );
  }
}

/** The warning for a stage left on Debian/Ubuntu because of what it copies. */
export function warnKeptForCopies(
  ctx: MigrationContext,
  stage: Stage,
  found: { paths: string[]; source: StageInfo },
): void {
  const src = found.source.stage;
  ctx.warn(
    "from",
    stage.imageStart,
    `${stage.image} stays: this stage copies ${found.paths.join(", ")} from stage ${src.alias ?? src.index} (${src.image}), which stays on glibc, and programs built there do not run on Alpine (musl); move that stage to an Alpine-based image first, then run alpinize migrate again`,
  );
}

/**
 * The sources and destination of a COPY/ADD: exec form (`["/out/app", "/app"]`) read as JSON;
 * a here-document source (`<<EOF`) is text written by the Dockerfile, never a program.
 */
export function copyWords(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const list: unknown = JSON.parse(trimmed);
      if (Array.isArray(list) && list.every((w) => typeof w === "string")) return list;
    } catch {
      // Not JSON after all: read it as words.
    }
  }
  const words = splitWords(text).map((w) => w.text);
  return words.some((w) => w.startsWith("<<")) ? [] : words;
}
