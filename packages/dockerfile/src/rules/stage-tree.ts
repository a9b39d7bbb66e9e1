import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { Stage } from "../stages.js";
import { wgetUse } from "./busybox.js";
import { stageCommands } from "./stage-commands.js";
import type { StageInfo } from "./stage-info.js";
import type { WgetUse } from "./wget-use.js";

/**
 * What a stage and every stage built FROM it (its family) do, folded bottom-up over the stage
 * tree: each stage is read once, whatever the depth of `FROM earlier-stage` chains.
 */
export interface FamilyFacts {
  /** dpkg-architecture or dpkg-buildflags runs in a RUN of the family. */
  dpkgTools: boolean;
  /** A RUN of the family installs language packages that may compile native extensions. */
  extensions: boolean;
  /** A RUN of the family compiles from source (make, configure, cmake, …). */
  buildsFromSource: boolean;
  /** A RUN of the family runs cargo. */
  cargo: boolean;
  /** A RUN of the family runs xx-cargo (a cross build for the target platform). */
  xxCargo: boolean;
  /** wget as the family's RUN lines call it (COPYed scripts not included). */
  wget: WgetUse;
}

/** The stage tree of one migration, read once (see `stageTree`). */
export interface StageTree {
  facts(info: StageInfo): FamilyFacts;
  /** The stage's RUN lines, then those of the stages built FROM it, in file order. */
  familyRuns(info: StageInfo): Instruction[];
  /**
   * RUN lines of later stages that inherit this stage's SHELL: a stage built FROM it (directly,
   * or through stages that set no SHELL of their own), up to its own first SHELL.
   */
  inheritingRuns(info: StageInfo): Instruction[];
  /** The stage is a final one or a stage a final one is built FROM. */
  ships(info: StageInfo): boolean;
  /** The StageInfo of a stage of this migration (a lookup, where a search of `all` was one per stage). */
  infoOf(stage: Stage): StageInfo | undefined;
  /** A later stage is built FROM this one. */
  hasChildren(info: StageInfo): boolean;
}

/** What one stage's own RUN lines do, before folding in its children. */
interface Folded {
  dpkgTools: boolean;
  extensions: boolean;
  buildsFromSource: boolean;
  cargo: boolean;
  xxCargo: boolean;
  wgetUsed: boolean;
  /** GNU-only wget uses → the place of their first occurrence in file order (smaller first). */
  wgetOptions: ReadonlyMap<string, number>;
}

const BUILD_COMMANDS = [
  "make",
  "gmake",
  "cmake",
  "meson",
  "ninja",
  "phpize",
  "configure",
  "Configure",
];

const DPKG_TOOLS = /\bdpkg-(?:architecture|buildflags)\b/;

/**
 * Installs that may compile native extensions: the tool by name or by path (`/opt/venv/bin/pip`,
 * `.venv/bin/pip`, `/usr/local/bin/bundle`), options before the subcommand (`pip --no-cache-dir
 * install`), pip's wheel builds, and the front ends that run pip or bundler (poetry, pipenv, pdm,
 * uv).
 */
const EXTENSION_INSTALL = new RegExp(
  String.raw`(?:^|[\s;&|(])(?:[^\s;&|()'"]*\/)?(?:` +
    [
      String.raw`(?:pip(?:3(?:\.\d+)?)?|python3?(?:\.\d+)?\s+-m\s+pip|uv\s+pip)(?:\s+-\S+)*\s+(?:install|wheel)`,
      String.raw`(?:gem|bundler?|pecl|cargo|npm|yarn|pnpm)(?:\s+-\S+)*\s+(?:install|ci|build)`,
      String.raw`(?:poetry|pipenv|pdm)(?:\s+-\S+)*\s+(?:install|sync)`,
      String.raw`uv\s+sync`,
      String.raw`python3?(?:\.\d+)?\s+setup\.py`,
      "node-gyp",
    ].join("|") +
    String.raw`)\b`,
);

const NO_OPTIONS: ReadonlyMap<string, number> = new Map();

// Keyed by the migration's own stage list, so the tree lives exactly as long as that run.
const trees = new WeakMap<readonly StageInfo[], StageTree>();

/** The tree of `all`, built on the first call of a migration and shared by its stages. */
export function stageTree(ctx: MigrationContext, all: readonly StageInfo[]): StageTree {
  let tree = trees.get(all);
  if (!tree) {
    tree = buildTree(ctx, all);
    trees.set(all, tree);
  }
  return tree;
}

function buildTree(ctx: MigrationContext, all: readonly StageInfo[]): StageTree {
  const position = new Map(all.map((info, k) => [info.stage, k]));
  const at = (info: StageInfo) => position.get(info.stage)!;
  const children: number[][] = all.map(() => []);
  all.forEach((info, k) => {
    const parent = info.stage.parent && position.get(info.stage.parent);
    if (parent !== undefined) children[parent]!.push(k);
  });
  const ownRuns = all.map((info) => info.stage.body.filter((ins) => ins.keyword === "RUN"));
  const setsShell = all.map((info) => info.stage.body.some((ins) => ins.keyword === "SHELL"));
  const folded = foldFamilies(ctx, ownRuns, children);
  const shipping = shippingStages(all, position);

  /** `k` and the positions of every stage built FROM it, through stages `descend` allows. */
  const subtree = (k: number, descend: (child: number) => boolean): number[] => {
    const out: number[] = [];
    const todo = [...children[k]!];
    for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
      out.push(next);
      if (descend(next)) todo.push(...children[next]!);
    }
    return out.sort((a, b) => a - b);
  };

  return {
    facts: (info) => familyFacts(folded[at(info)]!),
    familyRuns: (info) => {
      const k = at(info);
      return [k, ...subtree(k, () => true)].flatMap((d) => ownRuns[d]!);
    },
    inheritingRuns: (info) =>
      subtree(at(info), (child) => !setsShell[child]).flatMap((d) => runsBeforeShell(all[d]!)),
    ships: (info) => shipping.has(at(info)),
    infoOf: (stage) => {
      const k = position.get(stage);
      return k === undefined ? undefined : all[k];
    },
    hasChildren: (info) => children[at(info)]!.length > 0,
  };
}

/**
 * Each stage's facts with those of its children folded in. A stage is built FROM an earlier
 * one, so going from the last stage to the first folds every child before its parent.
 */
function foldFamilies(
  ctx: MigrationContext,
  ownRuns: readonly Instruction[][],
  children: readonly number[][],
): Folded[] {
  const own = ownFacts(ctx, ownRuns);
  const out: Folded[] = [];
  for (let k = own.length - 1; k >= 0; k--) {
    let f = own[k]!;
    for (const c of children[k]!) f = merge(f, out[c]!);
    out[k] = f;
  }
  return out;
}

function ownFacts(ctx: MigrationContext, ownRuns: readonly Instruction[][]): Folded[] {
  let sequence = 0;
  return ownRuns.map((runs) => {
    const commands = stageCommands(ctx, runs);
    const wget = wgetUse(ctx, runs, []);
    const options = new Map<string, number>();
    if (wget.kind === "gnu") for (const o of wget.options) options.set(o, sequence++);
    return {
      dpkgTools: runs.some((ins) => DPKG_TOOLS.test(ins.args.text)),
      extensions: runs.some((ins) => EXTENSION_INSTALL.test(ins.args.text)),
      buildsFromSource: BUILD_COMMANDS.some((c) => commands.has(c)),
      cargo: commands.has("cargo"),
      xxCargo: commands.has("xx-cargo"),
      wgetUsed: wget.kind !== "none",
      wgetOptions: options.size > 0 ? options : NO_OPTIONS,
    };
  });
}

function merge(a: Folded, b: Folded): Folded {
  return {
    dpkgTools: a.dpkgTools || b.dpkgTools,
    extensions: a.extensions || b.extensions,
    buildsFromSource: a.buildsFromSource || b.buildsFromSource,
    cargo: a.cargo || b.cargo,
    xxCargo: a.xxCargo || b.xxCargo,
    wgetUsed: a.wgetUsed || b.wgetUsed,
    wgetOptions: firstPlaces(a.wgetOptions, b.wgetOptions),
  };
}

/** Both sets of options, each at its earlier place; a side with none is shared, not copied. */
function firstPlaces(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): ReadonlyMap<string, number> {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const out = new Map(a);
  for (const [option, place] of b) out.set(option, Math.min(place, out.get(option) ?? place));
  return out;
}

function familyFacts(f: Folded): FamilyFacts {
  const options = [...f.wgetOptions].sort((x, y) => x[1] - y[1]).map(([o]) => o);
  const wget: WgetUse =
    options.length > 0
      ? { kind: "gnu", options }
      : f.wgetUsed
        ? { kind: "busybox" }
        : { kind: "none" };
  return {
    dpkgTools: f.dpkgTools,
    extensions: f.extensions,
    buildsFromSource: f.buildsFromSource,
    cargo: f.cargo,
    xxCargo: f.xxCargo,
    wget,
  };
}

/** Positions of the final stages and of every stage they are built FROM. */
function shippingStages(
  all: readonly StageInfo[],
  position: ReadonlyMap<StageInfo["stage"], number>,
): Set<number> {
  const out = new Set<number>();
  for (const info of all) {
    if (!info.final) continue;
    for (let s: StageInfo["stage"] | undefined = info.stage; s; s = s.parent) {
      const k = position.get(s);
      if (k === undefined || out.has(k)) break;
      out.add(k);
    }
  }
  return out;
}

function runsBeforeShell(info: StageInfo): Instruction[] {
  const out: Instruction[] = [];
  for (const ins of info.stage.body) {
    if (ins.keyword === "SHELL") break;
    if (ins.keyword === "RUN") out.push(ins);
  }
  return out;
}

/** The family's wget use with the stage's COPYed scripts added (they count as GNU use). */
export function withCopiedScripts(family: WgetUse, copied: WgetUse): WgetUse {
  if (copied.kind !== "gnu") return family;
  const before = family.kind === "gnu" ? family.options : [];
  return { kind: "gnu", options: [...new Set([...before, ...copied.options])] };
}
