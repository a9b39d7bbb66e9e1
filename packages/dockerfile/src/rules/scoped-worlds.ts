import { type Scope, type Span, sameSpan } from "../shell/conditional-spans.js";
import type { Branch, ProbeCondition, ProgramProbe, StretchProbe } from "../shell/probe-guard.js";
import { type ApkChange, packageName } from "./apk-change.js";
import { type ApkPlace, ApkWorld } from "./apk-world.js";
import type { BaseHas } from "./base-programs.js";
import { alpineProviders } from "./debian-tools.js";

/**
 * What apk has installed where a call runs: `main` for the calls that run whenever the build gets
 * to them, and a world per conditional stretch (`if` branch, `|| …`) open around the last call
 * asked about, which starts from the one it is nested in and also has what was added inside it.
 * migrate's `debianToolsLeft` and `alpinize check` judge calls by it alike.
 */
export class ScopedWorlds {
  private readonly open: Stretch[] = [];
  /**
   * `all`: every change so far wherever it ran, a branch's `apk add` too (to tell "added in a
   * branch" from "never added"); by default what `main` has. `base`: what the base image has on
   * its PATH (baseProgramsOf), when that is known: a probe is then judged by it. `installs`: what
   * an `apk add` installs (installedBy: nothing when it names a package the release lacks).
   */
  constructor(
    readonly main: ApkWorld = new ApkWorld(),
    readonly all: ApkWorld = main.copy(),
    private readonly base?: BaseHas,
    private readonly installs: (change: ApkChange) => ApkChange = (change) => change,
  ) {}

  /** Per `if` with an `else` (`case` with a `*)` arm), what its branches added, until its last branch closes. */
  private readonly branches = new Map<object, Branches>();

  /** Per probe, once: whether its program was there when the build reached it (undefined: not known). */
  private readonly found = new Map<object, boolean | undefined>();

  /**
   * Whether a stretch is open, that is an `apk add` went into one: until then every call sees
   * `main`, and a caller need not work out the call's scope (deep nesting makes that costly).
   */
  get branched(): boolean {
    return this.open.length > 0;
  }

  /**
   * The world a call in `scope` sees; stretches it is not in are closed, their adds forgotten
   * but for what every branch of a closed `if` added (close).
   */
  at(scope: Scope): ApkWorld {
    const keep = this.openDepth(scope);
    this.close(keep);
    for (let k = keep; k < scope.length; k++)
      this.open.push({ span: scope[k]!, world: this.top().fork() });
    return this.top();
  }

  /**
   * An `apk add` holds in its own stretch; an `apk del` anywhere may have run, so it holds
   * everywhere. `probe` (probedProgram) is what decides the stretch: an add there of a program's
   * package when it is missing (`command -v useradd || apk add shadow`, `while ! command -v
   * useradd; do apk add shadow; done`) holds around the stretch too, since the program is there
   * after it either way; one when it is found (`command -v useradd && apk add shadow`) never
   * installs it where it is missing, so that package does not count at all. The rest of an add
   * after a probe's `&&` holds around it, as after any `&&`. Where the image's programs are known
   * (`base`), the probe is judged by them instead: a stretch it skips adds nothing (`command -v
   * useradd && apk add shadow dpkg` on alpine, `command -v grep || apk add grep`, busybox's grep
   * being found), and one it runs adds everything around it. No probe: an add in an `if`'s first
   * test holds around it (the test always runs), and one in a branch (PlaceOnly) holds after the
   * `if`/`case` where every branch adds the package.
   */
  apply(asked: ApkChange, scope: Scope, place: ApkPlace, probe?: StretchProbe): void {
    const change = asked.verb === "add" ? this.installs(asked) : asked;
    if (change.verb === "del") {
      this.all.apply(change, place);
      this.main.apply(change, place);
      for (const { world } of this.open) world.apply(change, place);
      this.forgetAdded(change);
      return;
    }
    this.label(scope, probe);
    if (probe?.program === undefined) {
      this.all.apply(change, place);
      this.addIn(probe?.always ? scope.slice(0, -1) : scope, change, place);
      return;
    }
    const left = this.judge(probe, scope);
    if (left === "skipped") {
      this.noteBranch(probe, scope, undefined, place);
      return;
    }
    if (left.length === 0) {
      this.all.apply(change, place);
      this.addIn(scope.slice(0, -1), change, place);
      return;
    }
    // The probes not judged: an add of a found program's package installs nothing it lacks.
    let counted: ApkChange | undefined = change;
    for (const c of left)
      if (counted && c.runsIf === "found") counted = withoutProgram(counted, c.program);
    if (!counted) {
      this.noteBranch(probe, scope, new Set(), place);
      return;
    }
    this.all.apply(counted, place);
    const [only] = left;
    const around =
      left.length === 1 &&
      ((probe.afterAnd && !probe.also) ||
        (only!.runsIf === "missing" && installsProgram(change, only!.program)));
    this.addIn(around ? scope.slice(0, -1) : scope, counted, place);
    if (!around) this.noteBranch(probe, scope, addedNames(counted), place);
  }

  /** The add in the world of `scope`, and in what the branch that stretch is has added. */
  private addIn(scope: Scope, change: ApkChange, place: ApkPlace): void {
    this.at(scope).apply(change, place);
    const branch = scope.length > 0 ? this.open.at(-1)!.branch : undefined;
    if (branch) this.record(branch, addedNames(change), place);
  }

  /** Marks the open stretches of `scope` that are branches (StretchProbe's `branches`, PlaceOnly's `branch`). */
  private label(scope: Scope, probe: StretchProbe | undefined): void {
    const outer = probe?.branches ?? [];
    const inner = probe?.program === undefined ? probe?.branch : undefined;
    if (!inner && outer.every((b) => b === undefined)) return;
    this.at(scope);
    const first = scope.length - 1 - outer.length;
    if (first < 0) return;
    for (const [k, branch] of outer.entries()) if (branch) this.mark(this.open[first + k]!, branch);
    if (inner) this.mark(this.open.at(-1)!, inner);
  }

  private mark(stretch: Stretch, branch: Branch): void {
    stretch.branch = branch;
    if (!this.branches.has(branch.of))
      this.branches.set(branch.of, { count: branch.count, added: new Map() });
  }

  /** Adds `names` to what `branch` installed. */
  private record(branch: Branch, names: ReadonlySet<string>, place: ApkPlace): void {
    let seen = this.branches.get(branch.of);
    if (!seen) {
      seen = { count: branch.count, added: new Map() };
      this.branches.set(branch.of, seen);
    }
    seen.added.set(branch.index, new Set([...(seen.added.get(branch.index) ?? []), ...names]));
    seen.place = place;
  }

  /** An `apk del` may have run in any branch: what it deletes is no longer what a branch added. */
  private forgetAdded(change: ApkChange): void {
    const names = addedNames({ ...change, verb: "add" });
    for (const { added } of this.branches.values())
      for (const set of added.values()) for (const n of names) set?.delete(n);
  }

  /**
   * The probes of a stretch whose answer the image does not tell (the old reading holds for
   * them), or `skipped` when one it tells says the stretch never runs. An empty list: it runs.
   */
  private judge(probe: ProgramProbe, scope: Scope): ProbeCondition[] | "skipped" {
    const left: ProbeCondition[] = [];
    const { program, runsIf, path } = probe;
    const first = { program, runsIf, test: probe.test ?? probe, ...(path ? { path } : {}) };
    for (const c of [first, ...(probe.also ?? [])]) {
      const found = this.probeFinds(c, scope);
      if (found === undefined) left.push(c);
      else if ((c.runsIf === "found") !== found) {
        // `X && … || apk add P` also runs when `…` fails: P may come either way.
        if (!probe.orElse) return "skipped";
        left.push(c);
      }
    }
    return left;
  }

  /**
   * What a branch of an `if` with an `else` installs (undefined: it never runs). Each branch is a
   * stretch of its own; once every branch was seen, the packages all of them add are there after
   * the `if`, handed on as the last branch's stretch closes (close).
   */
  private noteBranch(
    probe: ProgramProbe,
    scope: Scope,
    names: Set<string> | undefined,
    place: ApkPlace,
  ): void {
    const { branch } = probe;
    if (!branch || scope.length === 0) return;
    this.at(scope);
    this.mark(this.open.at(-1)!, branch);
    if (names !== undefined) {
      this.record(branch, names, place);
      return;
    }
    const seen = this.branches.get(branch.of)!;
    if (!seen.added.has(branch.index)) seen.added.set(branch.index, undefined);
  }

  /**
   * Closes the open stretches past `keep`, innermost first; an `if`'s (`case`'s) last branch hands
   * on what all add, to the branch around it too.
   */
  private close(keep: number): void {
    while (this.open.length > keep) {
      const { branch } = this.open.pop()!;
      const seen = branch && this.branches.get(branch.of);
      const common = seen?.place && everyBranchAdds(seen);
      if (!common) continue;
      this.branches.delete(branch!.of);
      if (common.length === 0) continue;
      this.top().apply({ verb: "add", words: common }, seen.place!);
      const parent = this.open.at(-1)?.branch;
      if (parent) this.record(parent, new Set(common), seen.place!);
    }
  }

  /**
   * Whether the probe finds its program where the stretch it decides is reached: the base image
   * has it, or a package installed by then brings it. Asked at the stretch's first add, before
   * anything the stretch adds counts. Undefined where the image may or may not ship it (an
   * official `-alpine` image's program beyond busybox and its runtime): the old reading holds.
   */
  private probeFinds(probe: ProbeCondition, scope: Scope): boolean | undefined {
    if (!this.base) return undefined;
    if (this.found.has(probe.test)) return this.found.get(probe.test);
    const brings = bringsProgram(probe.program);
    const world = this.around(scope.slice(0, -1));
    const has = this.base(probe.program, probe.path);
    const found =
      has || [...world.installed().keys()].some(brings) || (has === false ? false : undefined);
    this.found.set(probe.test, found);
    return found;
  }

  /** The world a call in `scope` would see, leaving the open stretches as they are. */
  private around(scope: Scope): ApkWorld {
    const keep = this.openDepth(scope);
    return keep === 0 ? this.main : this.open[keep - 1]!.world;
  }

  /** How many of the open stretches `scope` is still inside, outermost first. */
  private openDepth(scope: Scope): number {
    let keep = 0;
    while (
      keep < this.open.length &&
      keep < scope.length &&
      sameSpan(this.open[keep]!.span, scope[keep]!)
    )
      keep++;
    return keep;
  }

  private top(): ApkWorld {
    return this.open.at(-1)?.world ?? this.main;
  }
}

/**
 * An open conditional stretch: its span (the last of its scope; the open stretches before it are
 * the rest: each kept its whole scope, so stretches n deep held n² spans), the world inside it;
 * `branch`: which branch of an `if`/`case` it is.
 */
interface Stretch {
  span: Span;
  world: ApkWorld;
  branch?: Branch;
}

/** What the branches of one `if` with an `else` (`case` with `*)`) added so far. */
interface Branches {
  count: number;
  /** Per branch, the packages it added; undefined where it never runs. */
  added: Map<number, Set<string> | undefined>;
  /** Where the last add was; none while no branch added anything. */
  place?: ApkPlace;
}

/** The packages every branch that runs adds, once each branch was seen; undefined otherwise. */
function everyBranchAdds(branches: Branches): string[] | undefined {
  if (branches.added.size < branches.count) return undefined;
  let common: Set<string> | undefined;
  for (const names of branches.added.values()) {
    if (names === undefined) continue;
    common = common ? new Set([...common].filter((n) => names.has(n))) : names;
  }
  return common && [...common];
}

/** The packages a plain `apk add` installs (none under a `--virtual` group, which `apk del` may remove). */
function addedNames(change: ApkChange): Set<string> {
  const names = new Set<string>();
  if (change.virtual !== undefined) return names;
  for (const w of change.words) {
    const pkg = packageName(w);
    if (pkg !== undefined) names.add(pkg);
  }
  return names;
}

/** An `apk add` of a package that brings the program: its Alpine provider, or one named as it. */
function installsProgram(change: ApkChange, program: string): boolean {
  return change.words.some(bringsProgram(program));
}

/** The add without the program's packages; undefined when nothing is left. */
function withoutProgram(change: ApkChange, program: string): ApkChange | undefined {
  const brings = bringsProgram(program);
  const words = change.words.filter((w) => !brings(w));
  if (words.length === change.words.length) return change;
  return words.length === 0 ? undefined : { ...change, words };
}

function bringsProgram(program: string): (word: string) => boolean {
  const providers = alpineProviders(program);
  return (word) => {
    const pkg = packageName(word);
    return pkg !== undefined && (pkg === program || providers.includes(pkg));
  };
}
