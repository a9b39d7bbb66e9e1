import { chainFact } from "../dockerfile/chain-fact.js";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { imageName } from "../dockerfile/images.js";
import { isStageIgnored } from "../dockerfile/stage-scope.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { instructionWords } from "../dockerfile/words.js";
import { apkAdded } from "./apk-history.js";
import type { CheckSettings, RuleId } from "./types.js";

type Emit = (line: number, rule: RuleId, message: string, severity?: "error" | "warning") => void;

/** The shipped (final) stage needs `GODEBUG=netdns=go` when it carries a Go binary. */
export function checkGoNetdns(stages: StageInfo[], settings: CheckSettings, emit: Emit): void {
  const final = stages.at(-1);
  if (!final) return;
  if (final.family !== "alpine" || isStageIgnored(final, stages, settings.ignoreImages)) return;
  const source = goBinarySource(final, stages);
  if (source === undefined) return;
  const godebug = final.env.get("GODEBUG")?.value ?? "";
  if (/(?:^|,)netdns=/.test(godebug)) return;
  emit(
    final.line,
    "go-netdns",
    `final stage ships a Go binary (${source}) without ENV GODEBUG=netdns=go: a cgo-enabled binary may use musl's resolver, which differs from glibc's; add ENV GODEBUG=netdns=go`,
  );
}

function goBinarySource(final: StageInfo, stages: StageInfo[]): string | undefined {
  // Built in the final stage itself with no C compiler there: go turns cgo off (Go 1.20 and
  // later) and its binaries use Go's own resolver; migrate adds nothing there either.
  if (buildsGo(final, stages) && !noCompilerOnAlpine(final, stages))
    return `built in stage ${final.name}`;
  for (const from of final.copiesFrom) {
    const stage = stages.find(
      (s) => s.alias?.toLowerCase() === from.toLowerCase() || s.name === from,
    );
    if (stage && buildsGo(stage, stages)) return `copied from stage ${stage.name}`;
    if (!stage && imageName(from)?.endsWith("golang")) return `copied from ${from}`;
  }
  return undefined;
}

/**
 * Whether the stage builds (or, on a golang image, may build) a Go binary that can use the libc
 * resolver. `CGO_ENABLED=0` (ENV or ARG in the stage or a stage it builds on, on the go command, or
 * exported earlier in the RUN) makes a static binary with Go's own resolver: no musl risk.
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
      if (!off && !runCgoOff(run, cmd)) own = true;
    }
  }
  const byImage = builds === 0 && !off;
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

/** C compilers cgo can use; the golang -alpine images have none. */
const COMPILERS = ["gcc", "clang", "build-base", "g++", "tcc"];

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
const stageCgoOff = chainFact<boolean>((stage, parent) => {
  if (parent === true) return true;
  if (stage.env.get("CGO_ENABLED")?.value.replace(/["']/g, "") === "0") return true;
  return stage.body.some(
    (ins) => ins.keyword === "ARG" && instructionWords(ins.args.text).some((w) => CGO_OFF.test(w)),
  );
});

/** `CGO_ENABLED=0 go build`, `env CGO_ENABLED=0 go build`, or `export CGO_ENABLED=0` before it. */
function runCgoOff(run: RunStep, cmd: ShellCommand): boolean {
  if (cmd.assignments.some((a) => CGO_OFF.test(a))) return true;
  return run.commands.some(
    (other) =>
      other.offset <= cmd.offset &&
      ["export", "env"].includes(baseName(other.name)) &&
      other.args.some((a) => CGO_OFF.test(a)),
  );
}

function isGoBuild(cmd: ShellCommand): boolean {
  const name = baseName(cmd.name);
  return (
    (name === "go" || name === "xx-go") && (cmd.args[0] === "build" || cmd.args[0] === "install")
  );
}
