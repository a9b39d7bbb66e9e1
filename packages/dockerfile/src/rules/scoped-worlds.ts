import { type Scope, sameSpan } from "../shell/conditional-spans.js";
import type { StretchProbe } from "../shell/probe-guard.js";
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
  private readonly open: { scope: Scope; world: ApkWorld }[] = [];
  /**
   * `all`: every change so far wherever it ran, a branch's `apk add` too (to tell "added in a
   * branch" from "never added"); by default what `main` has. `base`: what the base image has on
   * its PATH (baseProgramsOf), when that is known: a probe is then judged by it.
   */
  constructor(
    readonly main: ApkWorld = new ApkWorld(),
    readonly all: ApkWorld = main.copy(),
    private readonly base?: BaseHas,
  ) {}

  /** Per probe, once: whether its program was there when the build reached it (undefined: not known). */
  private readonly found = new Map<StretchProbe, boolean | undefined>();

  /**
   * Whether a stretch is open, that is an `apk add` went into one: until then every call sees
   * `main`, and a caller need not work out the call's scope (deep nesting makes that costly).
   */
  get branched(): boolean {
    return this.open.length > 0;
  }

  /** The world a call in `scope` sees; stretches it is not in are closed, their adds forgotten. */
  at(scope: Scope): ApkWorld {
    const keep = this.openDepth(scope);
    this.open.length = keep;
    for (let k = keep; k < scope.length; k++)
      this.open.push({ scope: scope.slice(0, k + 1), world: this.top().copy() });
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
   * being found), and one it runs adds everything around it.
   */
  apply(change: ApkChange, scope: Scope, place: ApkPlace, probe?: StretchProbe): void {
    if (change.verb === "del") {
      this.all.apply(change, place);
      this.main.apply(change, place);
      for (const { world } of this.open) world.apply(change, place);
      return;
    }
    const found = probe && this.probeFinds(probe, scope);
    if (probe && found !== undefined) {
      if ((probe.runsIf === "found") !== found) return;
      this.all.apply(change, place);
      this.at(scope.slice(0, -1)).apply(change, place);
      return;
    }
    const counted = probe?.runsIf === "found" ? withoutProgram(change, probe.program) : change;
    if (!counted) return;
    this.all.apply(counted, place);
    const around =
      probe !== undefined &&
      (probe.afterAnd || (probe.runsIf === "missing" && installsProgram(change, probe.program)));
    this.at(around ? scope.slice(0, -1) : scope).apply(counted, place);
  }

  /**
   * Whether the probe finds its program where the stretch it decides is reached: the base image
   * has it, or a package installed by then brings it. Asked at the stretch's first add, before
   * anything the stretch adds counts. Undefined where the image may or may not ship it (an
   * official `-alpine` image's program beyond busybox and its runtime): the old reading holds.
   */
  private probeFinds(probe: StretchProbe, scope: Scope): boolean | undefined {
    if (!this.base) return undefined;
    if (this.found.has(probe)) return this.found.get(probe);
    const brings = bringsProgram(probe.program);
    const world = this.around(scope.slice(0, -1));
    const has = this.base(probe.program);
    const found =
      has || [...world.installed().keys()].some(brings) || (has === false ? false : undefined);
    this.found.set(probe, found);
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
      sameSpan(this.open[keep]!.scope.at(-1)!, scope[keep]!)
    )
      keep++;
    return keep;
  }

  private top(): ApkWorld {
    return this.open.at(-1)?.world ?? this.main;
  }
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
