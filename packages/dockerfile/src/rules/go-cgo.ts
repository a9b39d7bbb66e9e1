import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { baseRepository } from "./base-image.js";
import { type CgoSign, envCgoValue, type GoHit, type GoStageScan, scanGoStage } from "./go-scan.js";
import { addPackage } from "./place.js";
import type { StageState } from "./scope.js";

/** The Alpine packages for a C tool of golang's Debian tags, and the Debian packages they were. */
const TOOL_PACKAGES: Record<string, { alpine: string[]; debian: string[] }> = {
  gcc: { alpine: ["gcc", "musl-dev"], debian: ["gcc", "libc6-dev"] },
  cc: { alpine: ["gcc", "musl-dev"], debian: ["gcc", "libc6-dev"] },
  "g++": { alpine: ["g++", "musl-dev"], debian: ["g++", "libc6-dev"] },
  "c++": { alpine: ["g++", "musl-dev"], debian: ["g++", "libc6-dev"] },
  make: { alpine: ["make"], debian: ["make"] },
  "pkg-config": { alpine: ["pkgconf"], debian: ["pkg-config"] },
};

/** Alpine packages that already bring a tool: build-base is gcc, g++, make and musl-dev. */
const BROUGHT_BY: Record<string, string[]> = {
  gcc: ["build-base", "clang"],
  "g++": ["build-base"],
  make: ["build-base"],
  "musl-dev": ["build-base"],
  pkgconf: ["pkgconfig"],
};

const SAID = "which golang's Debian tags carry and its -alpine tags do not";

/**
 * Rule `from` (what the variant ships): golang's Debian tags add g++, gcc, libc6-dev, make and
 * pkg-config to buildpack-deps:*-scm; its -alpine tags have none of them, and there Go ≥ 1.20
 * turns cgo off by itself when it finds no C compiler, so a build that needs cgo breaks or, with
 * go-sqlite3, fails only at run time. A converted golang stage gets the tools it calls, and
 * `gcc musl-dev` when cgo matters to it; never the cgo toolchain when it turns cgo off.
 */
export function addGoToolchain(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  if (baseRepository(ctx, state.info.stage) !== "golang") return;
  const scan = scanGoStage(ctx, state.info.stage);
  const live = scan.compiles.filter((c) => !c.off);
  // Every go build of the stage turns cgo off, or ENV does: no cgo toolchain, whatever it installs.
  const off =
    !scan.explicitOn &&
    ((scan.compiles.length > 0 && live.length === 0) ||
      envCgoValue(state.info.stage, Infinity, ctx.globalArgs) === "0");
  const cgo = off ? undefined : cgoNeed(ctx, state, scan, live);
  const added = new Set<string>();
  const make = scan.tools.get("make");
  const compilerCalled = ["gcc", "cc", "g++", "c++"].some((t) => scan.tools.has(t));
  // What make runs is out of sight: a go build there had cgo on with the Debian tag.
  const makeNote =
    make && !off && !cgo && !compilerCalled && !has(state, "gcc")
      ? "make may run a go build that needs cgo, and without a C compiler Go turns cgo off: if it does, add gcc musl-dev"
      : undefined;
  for (const [tool, hit] of scan.tools) {
    const said = addTool(ctx, state, tool, hit, added, tool === "make" ? makeNote : undefined);
    if (tool === "make" && !said && makeNote)
      ctx.warn(
        "from",
        hit.offset,
        `golang's Debian tags carry gcc, its -alpine tags do not: ${makeNote}`,
      );
  }
  if (cgo) addCgo(ctx, state, cgo, added);
  if (scan.vcs && !has(state, "git")) {
    const { variable, ...hit } = scan.vcs;
    addPackage(ctx, state, {
      pkg: "git",
      offset: hit.offset,
      ...(hit.ins.keyword === "RUN" ? { after: hit.ins } : {}),
      rule: "from",
      warning: `${variable} has go fetch modules from their repositories with git, ${SAID}: added git`,
      reason: `${variable}: go fetches modules with git, which golang's Debian tags (buildpack-deps:*-scm) ship and the -alpine tags do not`,
    });
  }
}

interface CgoNeed extends GoHit {
  /** The RUN that builds with cgo, or undefined when only a later stage may. */
  after?: Instruction;
  why: string;
  pkgConfig: boolean;
}

/** Whether cgo matters to the stage, why, and where the build that needs it runs. */
function cgoNeed(
  ctx: MigrationContext,
  state: StageState,
  scan: GoStageScan,
  live: readonly GoHit[],
): CgoNeed | undefined {
  const signs: CgoSign[] = [...scan.signs];
  const devs = ownDevPackages(ctx, state);
  if (devs.length > 0) {
    const word = (i: Instruction) =>
      i.args.text.split(/[\s'";&|()]+/).some((w) => w.replace(/[:=].*/, "") === devs[0]);
    const ins =
      state.info.stage.body.find((i) => i.keyword === "RUN" && word(i)) ?? state.info.stage.from;
    signs.push({
      ins,
      offset: ins.start,
      what: `it installs C library headers: ${devs.join(" ")}`,
      pkgConfig: false,
    });
  }
  signs.sort((a, b) => a.offset - b.offset);
  if (scan.explicitOn)
    signs.unshift({ ...scan.explicitOn, what: "CGO_ENABLED=1", pkgConfig: false });
  const first = signs[0];
  if (!first) return undefined;
  const build = live.find((c) => c.offset >= first.offset);
  return {
    ins: build?.ins ?? first.ins,
    offset: build?.offset ?? first.offset,
    ...(build ? { after: build.ins } : {}),
    why: [...new Set(signs.map((x) => x.what))].join("; "),
    pkgConfig: signs.some((s) => s.pkgConfig),
  };
}

/** Debian -dev packages this stage itself installs (not golang-*-dev, which are Go sources). */
function ownDevPackages(ctx: MigrationContext, state: StageState): string[] {
  const parent = state.info.stage.parent;
  const inherited = parent ? ctx.debianByStage.get(parent.index) : undefined;
  return [...state.debianInstalled].filter(
    (n) => /-dev$/.test(n) && !n.startsWith("golang-") && !inherited?.has(n),
  );
}

/** Adds the packages of a C tool the stage calls; false when it has them all. */
function addTool(
  ctx: MigrationContext,
  state: StageState,
  tool: string,
  hit: GoHit,
  added: Set<string>,
  note: string | undefined,
): boolean {
  const spec = TOOL_PACKAGES[tool]!;
  const missing = spec.alpine.filter((p) => !added.has(p) && !has(state, p));
  if (missing.length === 0) return false;
  const why = `this RUN calls ${tool}, ${SAID}: added ${missing.join(" ")}${note ? `; ${note}` : ""}`;
  missing.forEach((pkg, k) => {
    added.add(pkg);
    addPackage(ctx, state, {
      pkg,
      debian: spec.debian[spec.alpine.indexOf(pkg)]!,
      offset: hit.offset,
      after: hit.ins,
      rule: "from",
      warning: k === 0 ? why : undefined,
      reason: `golang's Debian tags ship ${spec.debian.join(" ")}, which the stage calls (${tool}); the -alpine tags do not`,
    });
  });
  return true;
}

function addCgo(ctx: MigrationContext, state: StageState, need: CgoNeed, added: Set<string>): void {
  const want = ["gcc", "musl-dev", ...(need.pkgConfig ? ["pkgconf"] : [])];
  const missing = want.filter((p) => !added.has(p) && !has(state, p));
  if (missing.length === 0) return;
  const list = missing.join(" ");
  const warning =
    need.why === "CGO_ENABLED=1"
      ? `CGO_ENABLED=1 needs a C compiler and libc headers, ${SAID}: added ${list}`
      : `this build needs cgo (${need.why}), which golang's Debian tags turn on, as they carry a C compiler and libc headers; the -alpine tags carry neither, and there Go turns cgo off without a word (a cgo package then fails to build, or at run time as go-sqlite3 does): added ${list}`;
  const debian: Record<string, string> = {
    gcc: "gcc",
    "musl-dev": "libc6-dev",
    pkgconf: "pkg-config",
  };
  missing.forEach((pkg, k) => {
    added.add(pkg);
    addPackage(ctx, state, {
      pkg,
      debian: debian[pkg]!,
      offset: need.offset,
      ...(need.after ? { after: need.after } : {}),
      rule: "from",
      warning: k === 0 ? warning : undefined,
      reason: `cgo (${need.why}): golang's Debian tags ship gcc, libc6-dev and pkg-config; the -alpine tags do not`,
    });
  });
}

/** The stage has the package (or one that brings it) already, or its parent stage kept it. */
function has(state: StageState, pkg: string): boolean {
  return [pkg, ...(BROUGHT_BY[pkg] ?? [])].some((p) => state.alpineInstalled.has(p));
}
