import { readStage } from "../discover/scripts.js";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { stageLinks } from "../dockerfile/stage-links.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { describeStep, type PathStep, parentOf, pathSteps, trimSlash } from "./apt-paths.js";
import type { LayoutAdvice } from "./debian-layout.js";
import { withNested } from "./nested.js";
import { onbuildRuns } from "./onbuild.js";

/** A command's use of a path only Debian's packages lay out (sites-enabled, /etc/php/8.2 …). */
export interface DebianPathUse {
  severity: "error" | "warning";
  message: string;
}

/** Commands whose words are text or a probe, not a use of the path (`[ -f /etc/debian_version ]`). */
const NOT_A_USE = new Set(["echo", "printf", "test", "[", "[[", ":", "true", "false"]);
/** Commands that stop the build when the path is not there, beyond what pathSteps reads. */
const NEEDS_PATH = new Set(["cd", ".", "source"]);

/**
 * What an Alpine stage has made of Debian's layout so far (a `mkdir -p`, a COPY into it, a link)
 * and what a command does to a path that is not there. A path the stage made, or one under a
 * folder it COPYed or linked, is the stage's own and never reported.
 */
export class DebianPaths {
  /** Folders known to exist, holding only what was written into them. */
  private readonly dirs = new Set<string>();
  /** Paths put in place whole (COPY, a link, a written file): anything under them may exist. */
  private readonly whole = new Set<string>();

  constructor(private readonly advice: LayoutAdvice) {}

  /** An independent tracker holding what this one knows. */
  copy(): DebianPaths {
    const out = new DebianPaths(this.advice);
    for (const d of this.dirs) out.dirs.add(d);
    for (const w of this.whole) out.whole.add(w);
    return out;
  }

  /** A COPY or ADD destination. */
  copied(destination: string): void {
    const path = trimSlash(destination);
    this.whole.add(path);
    this.addDirs(parentOf(path));
  }

  /** The finding for the command, if any; then what it made is recorded. */
  use(cmd: ShellCommand): DebianPathUse | undefined {
    const name = baseName(cmd.name);
    const steps = pathSteps(cmd);
    if (NEEDS_PATH.has(name) && cmd.args[0]) steps.push({ kind: "read", path: cmd.args[0] });
    let found: DebianPathUse | undefined;
    const keep = (use: DebianPathUse | undefined) => {
      if (use && (!found || (found.severity === "warning" && use.severity === "error")))
        found = use;
    };
    for (const step of steps) keep(this.step(cmd, step));
    const judged = new Set(steps.map((s) => trimSlash(s.path)));
    // An echo's redirection is a write (a step above); its words are only text.
    for (const word of NOT_A_USE.has(name) ? [] : cmd.args) {
      const path = trimSlash(word);
      if (!path.startsWith("/") || judged.has(path) || this.known(path)) continue;
      const note = this.advice.path(path);
      if (note)
        keep({
          severity: "warning",
          message: `${name} on ${path}: Alpine has no ${this.advice.root(path) ?? path}, so this step finds nothing there; ${note}`,
        });
    }
    return found;
  }

  private step(cmd: ShellCommand, step: PathStep): DebianPathUse | undefined {
    const path = trimSlash(step.path);
    if (!path.startsWith("/")) return undefined;
    if (step.kind === "mkdirs") {
      this.addDirs(path);
      return undefined;
    }
    if (this.known(path)) return undefined;
    const root = this.advice.root(path);
    const note = root && this.advice.path(path);
    const what = describeStep(cmd, step);
    if (step.kind === "read") {
      if (!root || !note) return undefined;
      // The stage made the folder: something not followed here may have put the file in it.
      if (this.dirs.has(parentOf(path)))
        return {
          severity: "warning",
          message: `${what}: Alpine has no ${path} unless this stage put it there (it made ${parentOf(path)}); ${note}`,
        };
      return { severity: "error", message: missing(what, root, note) };
    }
    const folder = step.path.endsWith("/") ? path : parentOf(path);
    const lacking = root && note && isUnder(folder, root) && !this.known(folder);
    if (lacking) return { severity: "error", message: missing(what, folder, note) };
    // It works: the stage puts this path in place itself (ln -s /usr/lib /usr/lib/x86_64-linux-gnu).
    if (step.kind === "mkdir") this.dirs.add(path);
    else this.whole.add(path);
    return undefined;
  }

  /** The stage made the path, or put it (or a folder above it) in place whole. */
  known(path: string): boolean {
    if (this.dirs.has(path)) return true;
    for (let p = path; p.length > 1; p = parentOf(p)) if (this.whole.has(p)) return true;
    return false;
  }

  private addDirs(path: string): void {
    for (let p = trimSlash(path); p.length > 1; p = parentOf(p)) this.dirs.add(p);
  }
}

function missing(what: string, path: string, note: string): string {
  return `${what}: Alpine has no ${path}, so the build fails here; ${note}`;
}

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

/** The tracker for a stage, with what the stages it builds on made (their RUNs, COPYs, ONBUILD). */
export function debianPathsAtStart(
  stage: StageInfo,
  stages: readonly StageInfo[],
  advice: LayoutAdvice,
): DebianPaths {
  const links = stageLinks(stages);
  const parent = links.parent(stage);
  if (!parent) return new DebianPaths(advice);
  const paths = leftBy(parent, stages, advice).copy();
  // A parent's ONBUILD steps run at the start of the stage built FROM it.
  for (const run of onbuildRuns(parent)) replay(paths, run);
  return paths;
}

// Per stage list and advice: what each stage leaves, replayed once. Replaying the whole FROM
// chain again for every stage made a long `FROM earlier-stage` chain quadratic.
const leftOf = new WeakMap<
  readonly StageInfo[],
  WeakMap<LayoutAdvice, Map<StageInfo, DebianPaths>>
>();

/** What `stage` leaves made; its ancestors first, in a loop (chains run deep). */
function leftBy(stage: StageInfo, stages: readonly StageInfo[], advice: LayoutAdvice): DebianPaths {
  let byAdvice = leftOf.get(stages);
  if (!byAdvice) {
    byAdvice = new WeakMap();
    leftOf.set(stages, byAdvice);
  }
  let left = byAdvice.get(advice);
  if (!left) {
    left = new Map();
    byAdvice.set(advice, left);
  }
  const links = stageLinks(stages);
  const pending: StageInfo[] = [];
  for (let s: StageInfo | undefined = stage; s && !left.has(s); s = links.parent(s))
    pending.push(s);
  for (const s of pending.reverse()) {
    const up = links.parent(s);
    const paths = up ? left.get(up)!.copy() : new DebianPaths(advice);
    if (up) for (const run of onbuildRuns(up)) replay(paths, run);
    for (const copy of readStage(s.body).copies) paths.copied(copy.destination);
    for (const run of s.runs) replay(paths, run);
    left.set(s, paths);
  }
  return left.get(stage)!;
}

function replay(paths: DebianPaths, run: RunStep): void {
  for (const cmd of withNested(run.commands)) paths.use(cmd);
}
