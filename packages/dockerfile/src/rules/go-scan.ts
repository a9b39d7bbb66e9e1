import { globalArg } from "../global-args.js";
import type { MigrationContext } from "../migrate/context.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { type SimpleCommand, simpleCommands } from "../shell/script.js";
import type { ArgDefault, Stage } from "../stages.js";
import { scriptsUnlessReportedByRun } from "./run-scripts.js";

/** A place in the Dockerfile: the RUN (or ENV/ARG) and the file offset of what was seen there. */
export interface GoHit {
  ins: Instruction;
  offset: number;
}

/** Something that needs cgo, as the warning names it. */
export interface CgoSign extends GoHit {
  what: string;
  /** The cgo code finds its library with pkg-config (`#cgo pkg-config:`). */
  pkgConfig: boolean;
}

/** A `go build` (install, test, run, vet): the commands that compile cgo code. */
export interface GoCompile extends GoHit {
  /** CGO_ENABLED=0 is in effect for it (its own assignment, an export before it, or ENV). */
  off: boolean;
}

export interface GoStageScan {
  /** First call of each C tool the golang image's Debian tags carry (gcc, make, pkg-config …). */
  tools: Map<string, GoHit>;
  compiles: GoCompile[];
  /** Signs that the build needs cgo, in file order. */
  signs: CgoSign[];
  /** CGO_ENABLED=1 somewhere in the stage (ENV, ARG or RUN): cgo is wanted whatever else. */
  explicitOn?: GoHit;
  /** GOPRIVATE, GONOPROXY or GOPROXY=direct: go fetches those modules with git itself. */
  vcs?: GoHit & { variable: string };
}

/** C tools golang's Debian tags install on top of buildpack-deps:*-scm. */
export const GO_IMAGE_TOOLS = new Set(["gcc", "cc", "g++", "c++", "make", "pkg-config"]);
const GO_COMMANDS = new Set(["go", "xx-go"]);
const COMPILING = new Set(["build", "install", "test", "run", "vet"]);
const CGO_ASSIGNMENT = /\bCGO_ENABLED[= ]["']?([01])\b/g;
const CGO_ON = /\bCGO_ENABLED[= ]["']?1\b/;
/** Flags that hand cgo its compiler and linker options: set only for a cgo build. */
const CGO_FLAGS = /\b(CGO_(?:C|CPP|CXX|F|LD)FLAGS)=/;
const DIRECT_FETCH = /^(GOPRIVATE|GONOPROXY)=(?!["']?["']?$)|^(GOPROXY)=["']?direct["']?$/;
const PKG_CONFIG_PATH = /\bPKG_CONFIG_(?:PATH|LIBDIR)=/;

/** Reads a golang stage's RUN, ENV and ARG lines for its C tools and cgo needs. */
export function scanGoStage(ctx: MigrationContext, stage: Stage): GoStageScan {
  const scan: GoStageScan = { tools: new Map(), compiles: [], signs: [] };
  for (const ins of stage.body) {
    if (ins.keyword === "ENV" || ins.keyword === "ARG") envSigns(scan, ins);
    if (ins.keyword !== "ENV" && ins.keyword !== "ARG" && ins.keyword !== "RUN") continue;
    const on =
      ins.keyword === "RUN" ? CGO_ON.test(ins.args.text) : cgoSetting(ins, ctx.globalArgs) === "1";
    if (!scan.explicitOn && on) scan.explicitOn = { ins, offset: ins.start };
    if (ins.keyword === "RUN" && ins.form !== "exec") runCalls(ctx, stage, scan, ins);
  }
  return scan;
}

function envSigns(scan: GoStageScan, ins: Instruction): void {
  for (const w of splitWords(ins.args.text)) {
    directFetch(scan, ins, ins.start, w.text);
    const flags = CGO_FLAGS.exec(w.text);
    if (flags) sign(scan, ins, ins.start, `${flags[1]} is set`, false);
    if (PKG_CONFIG_PATH.test(w.text))
      sign(scan, ins, ins.start, "PKG_CONFIG_PATH is set for pkg-config lookups", true);
    const goflags = /^GOFLAGS=(["']?)(.*)\1$/.exec(w.text);
    if (goflags)
      for (const s of flagSigns(goflags[2]!.split(/\s+/))) sign(scan, ins, ins.start, ...s);
  }
}

function runCalls(ctx: MigrationContext, stage: Stage, scan: GoStageScan, ins: Instruction): void {
  const sources = scriptsUnlessReportedByRun(ctx, ins);
  if (!sources) return;
  for (const src of sources) {
    for (const cmd of simpleCommands(src.script)) {
      const offset = src.span(cmd.start, cmd.start)[0];
      const name = cmd.name?.replace(/^.*\//, "") ?? "";
      for (const a of cmd.assignments) {
        directFetch(scan, ins, offset, a.raw);
        const flags = CGO_FLAGS.exec(a.raw);
        if (flags) sign(scan, ins, offset, `${flags[1]} is set`, false);
      }
      for (const a of cmd.args.slice(1)) directFetch(scan, ins, offset, a.value ?? a.raw);
      if (GO_IMAGE_TOOLS.has(name) && !scan.tools.has(name)) scan.tools.set(name, { ins, offset });
      if (!GO_COMMANDS.has(name) || !compiles(cmd)) continue;
      const before = src.script.text.slice(0, cmd.args[0]?.start ?? cmd.start);
      const off = (lastCgoValue(before) ?? envCgoValue(stage, ins.start, ctx.globalArgs)) === "0";
      scan.compiles.push({ ins, offset, off });
      if (off) continue;
      const words = [...cmd.assignments, ...cmd.args].map((a) => a.value ?? a.raw);
      const goflags = words.find((w) => w.startsWith("GOFLAGS="));
      const all = [...(goflags?.slice("GOFLAGS=".length).split(/\s+/) ?? []), ...words];
      for (const s of flagSigns(all)) sign(scan, ins, offset, ...s);
    }
  }
}

function directFetch(scan: GoStageScan, ins: Instruction, offset: number, word: string): void {
  const m = DIRECT_FETCH.exec(word);
  if (m && !scan.vcs) scan.vcs = { ins, offset, variable: (m[1] ?? m[3])! };
}

function sign(scan: GoStageScan, ins: Instruction, offset: number, what: string, pc: boolean) {
  scan.signs.push({ ins, offset, what, pkgConfig: pc });
}

function compiles(cmd: SimpleCommand): boolean {
  const sub = cmd.args.slice(1).find((a) => !(a.value ?? a.raw).startsWith("-"));
  return COMPILING.has(sub?.value ?? "");
}

/** The value of the last `CGO_ENABLED=` assignment in `text`, if any. */
function lastCgoValue(text: string): string | undefined {
  let value: string | undefined;
  for (const m of text.matchAll(CGO_ASSIGNMENT)) value = m[1];
  return value;
}

/**
 * The CGO_ENABLED an ENV or ARG line sets. A bare `ARG CGO_ENABLED` in a stage takes the default
 * of the global ARG of that name (`ARG CGO_ENABLED=0` before the first FROM), as BuildKit does.
 */
export function cgoSetting(
  ins: Instruction,
  globalArgs: readonly ArgDefault[],
): string | undefined {
  const own = lastCgoValue(ins.args.text);
  if (own !== undefined || ins.keyword !== "ARG") return own;
  if (!splitWords(ins.args.text).some((w) => w.text === "CGO_ENABLED")) return undefined;
  const value = globalArg(globalArgs, "CGO_ENABLED")?.value.trim();
  return value === "0" || value === "1" ? value : undefined;
}

/** CGO_ENABLED as ENV or ARG set it before `at`, in the stage or the stages it is built FROM. */
export function envCgoValue(
  stage: Stage,
  at: number,
  globalArgs: readonly ArgDefault[],
): string | undefined {
  for (let s: Stage | undefined = stage, before = at; s; s = s.parent, before = Infinity) {
    let value: string | undefined;
    for (const ins of s.body) {
      if (ins.start >= before || (ins.keyword !== "ENV" && ins.keyword !== "ARG")) continue;
      value = cgoSetting(ins, globalArgs) ?? value;
    }
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * go flags that need cgo: the race detector, C build modes and external linking fail without
 * it; `-tags dynamic` is confluent-kafka-go's switch to the system librdkafka (`#cgo pkg-config:
 * rdkafka`), and `libsqlite3` or `sqlite_*` tags are go-sqlite3's, a cgo package.
 */
function flagSigns(words: readonly string[]): [string, boolean][] {
  const out: [string, boolean][] = [];
  words.forEach((w, k) => {
    const next = words[k + 1] ?? "";
    const value = (flag: string) =>
      w === `-${flag}` || w === `--${flag}` ? next : new RegExp(`^--?${flag}=(.*)$`).exec(w)?.[1];
    if (/^--?race(?:=true)?$/.test(w)) out.push(["-race: the race detector needs it", false]);
    const mode = value("buildmode");
    if (mode && /^(?:c-shared|c-archive|plugin|shared)$/.test(mode))
      out.push([`-buildmode=${mode} needs it`, false]);
    const ld = value("ldflags");
    if (ld && /-linkmode[= ]["']?external\b/.test(ld))
      out.push(["-linkmode external links with the C compiler", false]);
    const tags = value("tags")?.split(/[,\s]+/) ?? [];
    if (tags.includes("dynamic"))
      out.push([
        "-tags dynamic links confluent-kafka-go to the system librdkafka, found with pkg-config",
        true,
      ]);
    const sqlite = tags.find((t) => t === "libsqlite3" || t.startsWith("sqlite_"));
    if (sqlite) out.push([`-tags ${sqlite} is a go-sqlite3 tag`, false]);
  });
  return out;
}
