import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { type SimpleCommand, simpleCommands } from "../shell/script.js";
import { rootStage, type Stage } from "../stages.js";
import { removals } from "./gnu-stage.js";
import { alpineToolchain, familiarRepository, splitReference } from "./images.js";
import { addPackage } from "./place.js";
import { runSources } from "./run-sources.js";
import type { StageState } from "./scope.js";
import type { StageInfo } from "./stage-info.js";
import { stageTree } from "./stage-tree.js";

/** A native build a RUN starts: where, what it is called, and whether it runs make. */
interface NativeBuild {
  ins: Instruction;
  offset: number;
  removals: readonly number[];
  what: string;
  needsMake: boolean;
}

/**
 * Rule `from` (what the variant ships): the full Debian tags of python, node, ruby, rust, erlang,
 * elixir and pypy are built on buildpack-deps, which ships gcc, g++, make and the libc headers;
 * their -alpine tags have none (rust's has gcc, and musl-dev in recent tags). A stage on such an image that installs -dev packages and compiles
 * against them (pip/gem/bundle/cargo install, make, cmake, configure, go build, an npm install
 * that builds addons with node-gyp) gets build-base, in the `apk add` that serves the build, as
 * golang's stages get their cgo toolchain (go-cgo.ts). Otherwise the image's note is given when
 * the stage looks like it builds native code: which -dev libraries it needs cannot be told.
 */
export function addNativeToolchain(
  ctx: MigrationContext,
  state: StageState,
  all: readonly StageInfo[],
): void {
  const info = state.info;
  if (!info.alpine || info.already) return;
  const root = stageTree(ctx, all).infoOf(rootStage(info.stage));
  if (root?.buildpack !== "full" || root.buildpackVia === undefined) return;
  const toolchain = addBuildBase(ctx, state, root.buildpackVia);
  const note = info.toolchainNote;
  if (note && toolchain === "unknown" && buildsNative(info.stage))
    ctx.warn("from", note.at, note.text);
}

/**
 * Adds build-base for the stage's first native build when it needs one (`added`). `own`: the
 * stage installs -dev packages and a toolchain its build can use itself, so the image's note
 * (add build-base) has nothing to say; `unknown`: no such build was found.
 */
function addBuildBase(
  ctx: MigrationContext,
  state: StageState,
  via: string,
): "added" | "own" | "unknown" {
  const has = (p: string) => state.alpineInstalled.has(p);
  const devs = [...state.debianInstalled].filter(
    (n) => /-dev$/.test(n) && !n.startsWith("golang-"),
  );
  if (devs.length === 0) return "unknown";
  if (has("build-base")) return "own";
  const build = nativeBuild(ctx, state);
  if (!build) return "unknown";
  // A toolchain of the stage's own that the build can use: nothing to add. Alpine's g++ depends
  // on gcc and musl-dev (aports), so it brings the C compiler and the libc headers too.
  const compiler = has("gcc") || has("g++") || [...state.alpineInstalled].some(isClang);
  if (compiler && (has("musl-dev") || has("g++")) && (has("make") || !build.needsMake))
    return "own";
  const listed = devs.length > 3 ? `${devs.slice(0, 3).join(" ")} …` : devs.join(" ");
  addPackage(ctx, state, {
    pkg: "build-base",
    debian: "build-essential",
    offset: build.offset,
    after: build.ins,
    removals: build.removals,
    rule: "from",
    warning: `${via} is built on buildpack-deps, whose gcc, make and libc headers ${build.what} compiles with here (against ${listed}), and the -alpine tag ${lacks(via)}: added build-base (gcc, g++, make, musl-dev); buildpack-deps also shipped many -dev libraries (libssl-dev, zlib1g-dev, libffi-dev, …): if the build links against more than this stage installs, add their Alpine -dev packages`,
    reason: `${via} is built on buildpack-deps, which ships gcc, g++, make and libc6-dev (what build-essential brings); the -alpine tag ${lacks(via)}, and this stage compiles native code (${build.what}) against the -dev packages it installs`,
  });
  return "added";
}

const isClang = (name: string) => /^clang\d*$/.test(name);

/** What the -alpine tag has of that toolchain, per image. */
function lacks(via: string): string {
  return alpineToolchain(familiarRepository(splitReference(via).name));
}

/** The first native build of the stage's own kept RUN lines. */
function nativeBuild(ctx: MigrationContext, state: StageState): NativeBuild | undefined {
  const gyp = nodeGypSign(state.info.stage);
  for (const { ins, sources } of runSources(ctx, state.info.stage.body)) {
    if (state.removedRuns.has(ins)) continue;
    for (const src of sources) {
      const commands = simpleCommands(src.script);
      for (const c of commands) {
        const hit = buildCall(c, gyp);
        if (!hit) continue;
        return {
          ins,
          offset: src.span(c.start, c.start)[0],
          removals: removals(src, commands),
          ...hit,
        };
      }
    }
  }
  return undefined;
}

/** Build systems that run make themselves, or are make (cmake writes Makefiles by default). */
const MAKE_TOOLS = new Set(["make", "gmake", "cmake", "configure", "node-gyp"]);
const BUILD_TOOLS = new Set([...MAKE_TOOLS, "meson", "ninja"]);
const PYTHON = /^python3?(?:\.\d+)?$/;
const PIP = /^pip(?:3(?:\.\d+)?)?$/;

/** What a command builds natively, if it does (`gyp`: the stage builds node addons). */
function buildCall(
  c: SimpleCommand,
  gyp: boolean,
): Omit<NativeBuild, "ins" | "offset" | "removals"> | undefined {
  const name = c.name?.replace(/^.*\//, "") ?? "";
  const args = c.args.slice(1).map((a) => a.value ?? "");
  const sub = args.find((a) => !a.startsWith("-"));
  const call = (needsMake: boolean, words = [name, sub ?? ""]) => ({
    what: words.filter(Boolean).join(" "),
    needsMake,
  });
  if (BUILD_TOOLS.has(name)) return call(MAKE_TOOLS.has(name), [name]);
  if (PIP.test(name) && (sub === "install" || sub === "wheel")) return call(false);
  if (PYTHON.test(name)) {
    if (args[0] === "setup.py") return call(false, [name, "setup.py"]);
    const pip =
      args[0] === "-m" && args[1] === "pip"
        ? args.slice(2).find((a) => !a.startsWith("-"))
        : undefined;
    if (pip === "install" || pip === "wheel") return call(false, [name, "-m pip", pip]);
  }
  if (name === "uv" && (sub === "sync" || (sub === "pip" && args.includes("install"))))
    return call(false);
  if (/^(?:poetry|pipenv|pdm)$/.test(name) && (sub === "install" || sub === "sync"))
    return call(false);
  // mkmf writes a Makefile and runs make for every gem with a C extension; plain `bundle` installs.
  if (name === "gem" && sub === "install") return call(true);
  if ((name === "bundle" || name === "bundler") && (sub === undefined || sub === "install"))
    return call(true, [name, "install"]);
  if (name === "cargo" && (sub === "build" || sub === "install")) return call(false);
  if (name === "go" && (sub === "build" || sub === "install")) return call(false);
  if (/^(?:npm|yarn|pnpm)$/.test(name)) {
    if (sub === "rebuild") return call(true);
    const installs = sub === undefined ? name === "yarn" : /^(?:install|i|ci|add)$/.test(sub);
    if (installs && gyp) return call(true, [name, sub ?? "install"]);
  }
  return undefined;
}

/** Signs that an npm install builds addons from source with node-gyp. */
const NODE_GYP = /node-gyp|node-pre-gyp|prebuild-install|binding\.gyp|build[-_]from[-_]source/i;

function nodeGypSign(stage: Stage): boolean {
  return stage.body.some(
    (i) =>
      (i.keyword === "RUN" || i.keyword === "ENV" || i.keyword === "ARG") &&
      NODE_GYP.test(i.args.text),
  );
}

/**
 * Whether a stage on a full Debian image seems to build native packages its -alpine tag lacks
 * tools for (a loose reading: it only decides whether the image's note is worth giving).
 */
function buildsNative(stage: Stage): boolean {
  const runs = stage.body
    .filter((i) => i.keyword === "RUN")
    .map((i) => i.args.text)
    .join("\n");
  return /\b(?:pip3?|npm|yarn|pnpm|gem|bundle|cargo|make|gcc|g\+\+|cmake|node-gyp|configure|uv|poetry|pdm|pipenv|rebar3|mix)\b/.test(
    runs,
  );
}
