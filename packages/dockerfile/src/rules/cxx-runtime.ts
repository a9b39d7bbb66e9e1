import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import type { Stage } from "../stages.js";
import { DATA_DIR, DATA_FILE } from "./data-paths.js";
import { copySource, copyWords, stageNamed } from "./keep-glibc.js";
import { addPackage } from "./place.js";
import type { StageState } from "./scope.js";
import { stageCommands } from "./stage-commands.js";
import type { StageInfo } from "./stage-info.js";

const PKG = "libstdc++";

/** C++ compiler drivers, also Debian's per-major and target-prefixed names (`g++-12`). */
const CXX_DRIVER = /^(?:[\w.]+-)*(?:g\+\+|c\+\+|clang\+\+)(?:-\d+(?:\.\d+)*)?$/;

/** Build tools whose C++ is not on the command line. */
const BUILD_TOOLS = ["make", "gmake", "cmake", "meson", "ninja"];

/**
 * Installed packages (Debian or Alpine names) that give a stage a C++ compiler: the C toolchains
 * build-essential and build-base bring g++ too, and Debian's clang depends on libstdc++'s headers.
 */
const CXX_PACKAGES =
  /^(?:g\+\+(?:-\d+)?|build-essential|build-base|clang(?:-\d+)?|clang\d+|libstdc\+\+(?:-\d+)?-dev)$/;

/** A static link of the program, or of libstdc++ into it: nothing to load at run time. */
const STATIC_LINK = /(?:^|[\s"'=,])-static(?:-libstdc\+\+|-pie)?(?=[\s"',;&|)]|$)/;

/** Headers, static archives and objects are build inputs, never loaded at run time. */
const BUILD_INPUT = /\.(?:h|hh|hpp|hxx|a|o)$|\/include\/?$/;

/** Where programs and shared libraries live: such a source counts whatever the destination. */
const PROGRAM = /(?:^|\/)(?:s?bin|lib(?:64|exec)?)(?:\/|$)|\.so(?:\.\d+)*$/;

/**
 * Rule `musl` (base image contents): Debian images always hold libstdc++6 and libgcc-s1 (apt
 * itself is C++), Alpine's base has neither. A stage on Alpine that copies a build's output out
 * of a stage that compiled C++ (a C++ driver called, or make/cmake/meson/ninja run with a C++
 * compiler installed) gets libstdc++ (which pulls libgcc in through its `so:` dependency), unless
 * that build links statically or the copied paths are only data, headers or archives.
 */
export function addCxxRuntime(ctx: MigrationContext, state: StageState, all: StageInfo[]): void {
  const info = state.info;
  if (!info.alpine || info.already) return;
  // Alpine's g++ depends on libstdc++, so a stage that keeps a compiler has the library.
  if (["g++", "build-base", PKG].some((p) => state.lasting.has(p))) return;
  for (const ins of info.stage.body) {
    const found = cxxCopy(ctx, ins, all);
    if (!found) continue;
    addPackage(ctx, state, {
      pkg: PKG,
      debian: "libstdc++6",
      offset: ins.start,
      rule: "musl",
      warning: `this COPY takes ${found.paths.join(", ")} from stage ${found.stage}, which holds a C++ build (${found.why}): C++ programs load libstdc++.so.6, which every Debian image ships and Alpine images do not: added ${PKG}`,
      reason: `Debian images always ship libstdc++6 (apt links it); line ${ins.line} copies a C++ build into this stage`,
    });
    return;
  }
}

interface CxxCopy {
  stage: string;
  paths: string[];
  why: string;
}

/** A `COPY --from=<stage>` of anything but data out of a stage that holds a C++ build. */
function cxxCopy(ctx: MigrationContext, ins: Instruction, all: StageInfo[]): CxxCopy | undefined {
  const copy = programCopy(ctx, ins, all);
  if (!copy) return undefined;
  const why = cxxIndex(ctx, all).held(copy.source);
  return why === undefined ? undefined : { stage: copy.written, paths: copy.paths, why };
}

/** A `COPY --from=<stage>` and what it copies that may be programs (not data, headers, archives). */
function programCopy(
  ctx: MigrationContext,
  ins: Instruction,
  all: StageInfo[],
): { written: string; source: StageInfo; paths: string[] } | undefined {
  if (ins.keyword !== "COPY") return undefined;
  const { flags, rest } = splitFlags(ins.args.text);
  const written = flags.get("from");
  const from = written === undefined ? undefined : copySource(written, ctx.globalArgs);
  // An image named directly is built elsewhere: what it holds cannot be told from here.
  const source = from === undefined ? undefined : stageNamed(from, all);
  if (!source) return undefined;
  const words = copyWords(ins.args.text.slice(rest));
  const sources = words
    .slice(0, -1)
    .filter((w) => !(DATA_FILE.test(w) || DATA_DIR.test(w) || BUILD_INPUT.test(w)));
  // Into a data directory (`/usr/share/nginx/html`, `/etc/app`): a build's pages or settings.
  const intoData = DATA_DIR.test(words.at(-1) ?? "");
  const paths = intoData ? sources.filter((w) => PROGRAM.test(w)) : sources;
  return paths.length === 0 ? undefined : { written: written!, source, paths };
}

/** What one stage and the stages it is built FROM show, folded down the chain. */
interface Facts {
  /** The build links statically (`-static`, `-static-libstdc++`). */
  statically: boolean;
  /** A C++ driver the chain runs. */
  driver?: string;
  /** A build tool the chain runs. */
  tool?: string;
  /** A package giving the chain a C++ compiler. */
  compiler?: string;
  /** Why the stage holds C++ programs linked against the shared libstdc++, if it does. */
  held?: string;
}

interface CxxIndex {
  held(source: StageInfo): string | undefined;
}

// Keyed by the migration's own stage list. Stages are read in file order, each once, when a COPY
// first asks about a stage at or after them: the stages before it are migrated by then, so what
// they install is known, and a chain of stages copying from each other costs one pass.
const indexes = new WeakMap<readonly StageInfo[], CxxIndex>();

function cxxIndex(ctx: MigrationContext, all: StageInfo[]): CxxIndex {
  let index = indexes.get(all);
  if (index) return index;
  const position = new Map(all.map((info, k) => [info.stage, k]));
  const facts: Facts[] = [];
  const held = (k: number): string | undefined => {
    for (let next = facts.length; next <= k; next++)
      facts.push(readStage(ctx, all, position, next, facts));
    return facts[k]?.held;
  };
  index = {
    held: (source) => {
      const k = position.get(source.stage);
      return k === undefined ? undefined : held(k);
    },
  };
  indexes.set(all, index);
  return index;
}

/**
 * One stage's facts, given those of the earlier stages. A stage that stays on glibc holds nothing
 * of use: its programs do not run on musl whatever is added. A `scratch` stage holds what it
 * copies in (an export stage).
 */
function readStage(
  ctx: MigrationContext,
  all: StageInfo[],
  position: ReadonlyMap<Stage, number>,
  k: number,
  earlier: readonly Facts[],
): Facts {
  const info = all[k]!;
  const stage = info.stage;
  const parentAt = stage.parent ? position.get(stage.parent) : undefined;
  const parent: Facts =
    parentAt !== undefined && parentAt < k ? earlier[parentAt]! : { statically: false };
  const body = stage.body;
  const commands = stageCommands(
    ctx,
    body.filter((ins) => ins.keyword === "RUN"),
  );
  const installed = [
    ...(ctx.debianByStage.get(stage.index) ?? []),
    ...(ctx.lastingByStage.get(stage.index) ?? []),
  ];
  const f: Facts = {
    statically:
      parent.statically ||
      body.some(
        (ins) =>
          (ins.keyword === "RUN" || ins.keyword === "ENV" || ins.keyword === "ARG") &&
          STATIC_LINK.test(ins.args.text),
      ),
    driver: parent.driver ?? [...commands].find((c) => CXX_DRIVER.test(c)),
    tool: parent.tool ?? BUILD_TOOLS.find((c) => commands.has(c)),
    compiler: parent.compiler ?? installed.find((p) => CXX_PACKAGES.test(p)),
  };
  if (!info.alpine && stage.image.toLowerCase() !== "scratch") return f;
  f.held = f.statically ? undefined : compiled(f);
  for (const ins of body) {
    if (f.held !== undefined) break;
    const copy = programCopy(ctx, ins, all);
    // Only earlier stages are known here; a COPY from this stage or a later one is not followed.
    const at = copy && position.get(copy.source.stage);
    const why = at !== undefined && at < k ? earlier[at]!.held : undefined;
    if (why !== undefined)
      f.held = `its line ${ins.line} copies a C++ build from stage ${copy!.written}`;
  }
  return f;
}

function compiled(f: Facts): string | undefined {
  if (f.driver) return `it runs ${f.driver}`;
  if (f.tool && f.compiler) return `it runs ${f.tool} with ${f.compiler} installed`;
  return undefined;
}
