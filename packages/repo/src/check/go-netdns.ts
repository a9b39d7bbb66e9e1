import { chainFact } from "../dockerfile/chain-fact.js";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { imageName } from "../dockerfile/images.js";
import { isStageIgnored } from "../dockerfile/stage-scope.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { instructionWords } from "../dockerfile/words.js";
import { apkAdded } from "./apk-history.js";
import { buildsWithNetgo, stageNetgo } from "./go-netgo.js";
import type { CheckSettings, RuleId } from "./types.js";

type Emit = (line: number, rule: RuleId, message: string, severity?: "error" | "warning") => void;

/** The shipped (final) stage needs `GODEBUG=netdns=go` when it carries a cgo-enabled Go binary. */
export function checkGoNetdns(stages: StageInfo[], settings: CheckSettings, emit: Emit): void {
  const final = stages.at(-1);
  if (!final) return;
  if (final.family !== "alpine" || isStageIgnored(final, stages, settings.ignoreImages)) return;
  const sources = cgoBinarySources(final, stages);
  if (sources.length === 0) return;
  const godebug = final.env.get("GODEBUG")?.value ?? "";
  if (/(?:^|,)netdns=/.test(godebug)) return;
  emit(
    final.line,
    "go-netdns",
    `final stage ships a Go binary that may use cgo (${sources.join("; ")}) without ENV GODEBUG=netdns=go: a cgo-enabled binary may use musl's resolver, which differs from glibc's; add ENV GODEBUG=netdns=go`,
  );
}

/** Where the final stage's cgo-enabled Go binaries come from, each stage or image named once. */
function cgoBinarySources(final: StageInfo, stages: StageInfo[]): string[] {
  const sources: string[] = [];
  if (buildsCgo(final, stages)) sources.push(`built in stage ${final.name}`);
  const copied = new Set<string>();
  const images = new Set<string>();
  for (const from of final.copiesFrom) {
    const stage = stages.find(
      (s) => s.alias?.toLowerCase() === from.toLowerCase() || s.name === from,
    );
    if (stage && stage !== final && buildsCgo(stage, stages)) copied.add(stage.name);
    if (!stage && imageName(from)?.endsWith("golang")) images.add(from);
  }
  if (copied.size > 0)
    sources.push(`copied from stage${copied.size > 1 ? "s" : ""} ${[...copied].join(", ")}`);
  for (const image of images) sources.push(`copied from ${image}`);
  return sources;
}

/**
 * A Go build of the stage may link cgo: go turns cgo off when it finds no C compiler (Go 1.20 and
 * later), and the golang -alpine images ship none, so an Alpine stage without one installed (in
 * it or a stage it is built FROM) builds with Go's own resolver unless CGO_ENABLED=1 asks for cgo.
 */
function buildsCgo(stage: StageInfo, stages: StageInfo[]): boolean {
  if (!buildsGo(stage, stages)) return false;
  return !noCompilerOnAlpine(stage, stages) || cgoAskedFor(stage, stages);
}

/**
 * Whether the stage builds (or, on a golang image, may build) a Go binary that can use the libc
 * resolver. `CGO_ENABLED=0` (ENV or ARG in the stage or a stage it builds on, on the go command, or
 * exported earlier in the RUN) makes a static binary with Go's own resolver: no musl risk. So
 * does the `netgo` build tag (`-tags netgo`, or GOFLAGS=-tags=netgo set the same ways).
 */
export function buildsGo(stage: StageInfo, stages: readonly StageInfo[]): boolean {
  return goBuilds(stage, stages).withImage;
}

interface GoBuilds {
  /** The stage, or one it builds on, runs a go build that may use cgo. */
  dynamic: boolean;
  /**
   * As `dynamic`, or no stage down to a golang image builds Go and none turns cgo off, so what
   * runs there is judged by that image: a stage whose own builds are all static is judged by
   * what its parents build, not their image.
   */
  withImage: boolean;
}

// Worked out once per stage along the chain: the rule asked every parent again for each level.
const goBuilds = chainFact<GoBuilds>((stage, parent, stages) => {
  const off = stageCgoOff(stage, stages);
  let builds = 0;
  let own = false;
  for (const run of stage.runs) {
    for (const cmd of run.commands) {
      if (!isGoBuild(cmd)) continue;
      builds++;
      if (!off && !runCgoOff(run, cmd) && !buildsWithNetgo(stage, stages, run, cmd)) own = true;
    }
  }
  const byImage = builds === 0 && !off && !stageNetgo(stage, stages);
  if (!parent) {
    const golang = byImage && /(?:^|\/)golang$/.test(imageName(stage.image) ?? "");
    return { dynamic: own, withImage: own || golang };
  }
  return {
    dynamic: own || parent.dynamic,
    withImage: own || (byImage ? parent.withImage : parent.dynamic),
  };
});

const CGO_OFF = /^CGO_ENABLED=(["']?)0\1$/;
const CGO_ON = /^CGO_ENABLED=(["']?)1\1$/;

/** C compilers cgo can use; the golang -alpine images have none. */
const COMPILERS = ["gcc", "clang", "build-base", "alpine-sdk", "g++", "tcc"];

/**
 * An Alpine stage that installs no C compiler (nor does a stage it builds on): go turns cgo off
 * when it finds no compiler (Go 1.20 and later), so its binaries use Go's own resolver.
 */
function noCompilerOnAlpine(stage: StageInfo, stages: StageInfo[]): boolean {
  if (stage.family !== "alpine") return false;
  const installed = [...apkAdded(stage, stages).keys()];
  return !installed.some((n) => COMPILERS.includes(n) || /^(?:gcc|clang)\d+$/.test(n));
}

/** CGO_ENABLED=0 in the stage's ENV or ARG, or in a stage it builds on. */
const stageCgoOff = chainFact<boolean>(
  (stage, parent) => parent === true || stageSets(stage, CGO_OFF),
);

/**
 * CGO_ENABLED=1 in the stage's ENV or ARG or on one of its go builds (as for CGO_ENABLED=0), or
 * in a stage it builds on: cgo is asked for, compiler or not.
 */
const cgoAskedFor = chainFact<boolean>(
  (stage, parent) =>
    parent === true ||
    stageSets(stage, CGO_ON) ||
    stage.runs.some((run) =>
      run.commands.some((cmd) => isGoBuild(cmd) && runCgo(run, cmd, CGO_ON)),
    ),
);

function stageSets(stage: StageInfo, value: RegExp): boolean {
  if (value.test(`CGO_ENABLED=${stage.env.get("CGO_ENABLED")?.value ?? ""}`)) return true;
  return stage.body.some(
    (ins) => ins.keyword === "ARG" && instructionWords(ins.args.text).some((w) => value.test(w)),
  );
}

/** `CGO_ENABLED=0 go build`, `env CGO_ENABLED=0 go build`, or `export CGO_ENABLED=0` before it. */
function runCgoOff(run: RunStep, cmd: ShellCommand): boolean {
  return runCgo(run, cmd, CGO_OFF);
}

function runCgo(run: RunStep, cmd: ShellCommand, value: RegExp): boolean {
  if (cmd.assignments.some((a) => value.test(a))) return true;
  return run.commands.some(
    (other) =>
      other.offset <= cmd.offset &&
      ["export", "env"].includes(baseName(other.name)) &&
      other.args.some((a) => value.test(a)),
  );
}

function isGoBuild(cmd: ShellCommand): boolean {
  const name = baseName(cmd.name);
  return (
    (name === "go" || name === "xx-go") && (cmd.args[0] === "build" || cmd.args[0] === "install")
  );
}
