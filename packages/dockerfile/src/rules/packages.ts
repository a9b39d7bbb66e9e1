import { quoted } from "@alpinize/errors";
import { apkHas, type PackageDecision } from "@alpinize/package-map";
import type { RuleId } from "../edits.js";
import type { MigrationContext } from "../migrate/context.js";
import type { PackageRecord } from "../migrate/types.js";
import { buildCaBundle, busyboxBzip2, busyboxWget } from "./build-only.js";
import { companions } from "./companions.js";
import { keepAptGosu } from "./gosu-scripts.js";
import { notePackageSetup } from "./package-notes.js";
import { postgresImagePackage } from "./pg-image.js";
import { stagePhpDecision } from "./php-version.js";
import type { StageState } from "./scope.js";

/** One package name as written, with where it sits. */
export interface PackageToken {
  /** The literal text (quotes removed). */
  value: string;
  /** A file offset, for line numbers in warnings and records. */
  offset: number;
}

export type PackageOutcome =
  | { action: "keep" }
  | { action: "delete" }
  | { action: "replace"; text: string };

/** apt version pins and release suffixes: `pkg=1.2-3`, `pkg/bookworm-backports`. */
function bareName(value: string): { name: string; pin?: string } {
  // Multiarch qualifiers (`libc6-dev:arm64`) have no apk equivalent; xx-apk picks the arch.
  const colon = value.indexOf(":");
  if (colon > 0 && !value.slice(0, colon).includes("=")) {
    return { name: value.slice(0, colon), pin: value.slice(colon) };
  }
  // `pkg>=1.2` (not apt syntax, but seen): the comparison goes with the pin, never half of it.
  const eq = /[<>]?=|[<>]/.exec(value);
  if (eq && eq.index > 0) return { name: value.slice(0, eq.index), pin: value.slice(eq.index) };
  const slash = value.indexOf("/");
  if (slash > 0) return { name: value.slice(0, slash), pin: value.slice(slash) };
  return { name: value };
}

/**
 * Rule 2/3 core: maps each Debian name through the package map, drops pins, removes duplicates
 * within `seen`, and records every decision with its reason.
 */
export function mapPackages(
  ctx: MigrationContext,
  stage: StageState,
  tokens: readonly PackageToken[],
  seen: Set<string>,
  tool: PackageRecord["tool"],
  rule: RuleId,
  /**
   * `remove` for remove/purge (companions go to installs only); `build-deps` for an install that
   * is removed again later (a virtual package), where tools are judged by the stage's own calls.
   */
  mode: "install" | "build-deps" | "remove" = "install",
  /** Names `apt-mark manual` keeps after the purge: installed for good even in a build-deps RUN. */
  manual: ReadonlySet<string> = new Set(),
  /** apt installs Recommends here (no `--no-install-recommends`): Debian's gcc brings libc6-dev. */
  recommends = false,
): PackageOutcome[] {
  const commands = [...stage.commands];
  // The map's answer once per distinct name: a list naming curl 800,000 times keeps one
  // decision (and one reason text) for it, shared by its package records.
  const decisions = new Map<string, PackageDecision>();
  const mapName = (name: string): PackageDecision => {
    let decision = decisions.get(name);
    if (!decision) {
      decision = ctx.packageMap.map(name, { commands });
      decisions.set(name, decision);
    }
    return decision;
  };
  const debianNames = tokens.map((t) => bareName(t.value).name);
  // Counted before any is decided: a file past the count is refused before its decisions fill the heap.
  if (tokens.length > 0)
    ctx.packageBudget.spend(new Set(debianNames).size, ctx.line(tokens[0]!.offset));
  return tokens.map((tok) => {
    const { name, pin } = bareName(tok.value);
    if (/[*?[]/.test(name)) {
      ctx.warn(
        rule,
        tok.offset,
        `package pattern ${tok.value} kept as written; list the Alpine packages it should match`,
      );
      return { action: "keep" };
    }
    if (pin !== undefined) {
      ctx.warn(
        rule,
        tok.offset,
        pin.startsWith(":")
          ? `architecture qualifier in ${tok.value} dropped: apk has no multiarch; use xx-apk or a per-platform build`
          : `version pin ${tok.value} dropped: Alpine releases carry one version of ${name}; pin the base image instead`,
      );
    }
    const decision = decide(ctx, stage, name, mapName, tok.offset, mode, debianNames, manual);
    const change = decision.versionChange;
    // One warning per version change and file: php8.2-fpm, php8.2-gd, … say the same thing. It
    // names the main package only; the parts it brings (php85 php85-openssl …) are in --json.
    if (change && mode !== "remove") {
      ctx.warnOnce(
        `version:${change.family}:${change.from}`,
        rule,
        tok.offset,
        `${name}: Alpine ${ctx.release} has no ${change.family} ${change.from}; ${decision.alpine[0] ?? name} is ${change.family} ${change.to}: check the application runs on it, or pick an image that ships ${change.family} ${change.from}`,
      );
    }
    // Debian 11 and older: `python`, `python2.7` and `python-foo` are Python 2, which Alpine
    // no longer has; the map answers with Python 3's packages.
    if (
      mode !== "remove" &&
      /^python(?:2(?:\.\d+)?)?$|^python-(?!is-)[\w.+-]+$/.test(name) &&
      decision.alpine.some((n) => n === "python3" || n.startsWith("py3-"))
    ) {
      ctx.warnOnce(
        "version:python:2",
        rule,
        tok.offset,
        `${name} is Python 2 on the Debian releases that have it; Alpine ${ctx.release} has only Python 3 (${decision.alpine.join(" ")}): check the scripts and modules run on Python 3`,
      );
    }
    stage.debianInstalled.add(name);
    if (mode === "install" && tool === "apt")
      notePackageSetup(ctx, decision.alpine, tok.offset, tool);
    const unknown = decision.kind === "unknown";
    const names = unknown && decision.alpine.length === 0 ? [name] : decision.alpine;
    const written = names.filter((n) => !seen.has(n));
    for (const n of written) {
      seen.add(n);
      stage.alpineInstalled.add(n);
      if (mode === "install") stage.lasting.add(n);
    }
    ctx.packages.push({ ...decision, line: ctx.line(tok.offset), tool, written: [...written] });
    if (mode !== "remove") {
      const added = companions(
        ctx,
        stage,
        { names: debianNames, recommends, mode },
        name,
        written,
        seen,
        tok.offset,
        tool,
      );
      written.push(...added);
      if (added.length > 0) {
        stage.companionsOf ??= new Map();
        stage.companionsOf.set(name, added);
      }
    } else {
      // What the install added next to this package (build-essential's linux-headers) goes too.
      for (const n of stage.companionsOf?.get(name) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        written.push(n);
      }
    }
    if (unknown) {
      const hint = decision.candidates?.length
        ? ` (candidates: ${decision.candidates.map((c) => quoted(c)).join(", ")})`
        : "";
      // A rule that answered "unknown" has said why already.
      if (decision.layer !== "migrate-rule")
        ctx.warn(
          rule,
          tok.offset,
          `no Alpine package known for ${quoted(name)}; kept as written${hint}${mapReason(ctx, decision)}`,
        );
    } else {
      // apkHas, as check reads them: the index misses names apk installs (aspnetcore8-runtime).
      for (const n of written) {
        if (!apkHas(ctx.packageMap, n)) {
          ctx.warn(rule, tok.offset, `${n} (for ${name}) is not in Alpine ${ctx.release}`);
        }
      }
    }
    if (written.length === 0) return { action: "delete" };
    const text = written.join(" ");
    return text === tok.value ? { action: "keep" } : { action: "replace", text };
  });
}

/**
 * The map's own reason where a layer that knows the name's kind answered (a LibreOffice
 * translation, a Go toolchain part): it says why and what to do. Its catch-all "no Alpine
 * package found", and "not a valid Debian package name" (the name quoted again, maybe 1 MB of
 * it), say nothing the warning does not.
 */
function mapReason(ctx: MigrationContext, decision: PackageDecision): string {
  if (decision.layer === "invalid") return "";
  if (decision.reason.startsWith(`no Alpine ${ctx.release} package found for `)) return "";
  return ` (${decision.reason})`;
}

/**
 * Rule 8 sits on top of the package map: gosu from apt becomes su-exec (same command line), the
 * Alpine-native tool, when the release has it.
 */
function decide(
  ctx: MigrationContext,
  stage: StageState,
  name: string,
  mapName: (name: string) => PackageDecision,
  offset: number,
  mode: "install" | "build-deps" | "remove",
  debianNames: readonly string[],
  manual: ReadonlySet<string>,
): PackageDecision {
  const pg = postgresImagePackage(ctx, stage, name, offset);
  if (pg) return pg;
  if (
    name === "gosu" &&
    ctx.packageMap.exists("su-exec") &&
    !keepAptGosu(ctx, stage.copied, offset)
  ) {
    ctx.warn(
      "tini-gosu",
      offset,
      "gosu replaced by su-exec (same usage: su-exec USER CMD...); scripts that call gosu need the same change (alpinize entrypoint)",
    );
    return {
      debian: name,
      alpine: ["su-exec"],
      kind: "renamed",
      reason: "rule 8: su-exec is Alpine's drop-in for gosu",
      layer: "migrate-rule",
    };
  }
  if (
    name === "dirmngr" &&
    mode !== "remove" &&
    debianNames.some((n) => n === "gnupg" || n === "gnupg2") &&
    ctx.packageMap.map("gnupg").alpine.includes("gnupg")
  ) {
    return {
      debian: name,
      alpine: [],
      kind: "merged",
      reason:
        "installed with gnupg, whose Alpine package depends on gnupg-dirmngr (Debian's gnupg only recommends dirmngr)",
      layer: "migrate-rule",
    };
  }
  const mapped = mapName(name);
  const php = stagePhpDecision(ctx, name, mapped, debianNames, stage.debianInstalled);
  if (php) return php;
  if (name === "ca-certificates" && mode === "build-deps" && !manual.has(name)) {
    const bundled = buildCaBundle(stage, mapped);
    if (bundled) return bundled;
  }
  // A wget installed for good in a stage that ships is part of the image's contract (users may
  // run GNU wget in it); one installed only for the build is judged by the stage's own calls.
  const buildOnly = mode === "build-deps" || !stage.ships;
  if (name === "bzip2" && buildOnly && mapped.alpine.includes("bzip2")) {
    const busybox = busyboxBzip2(ctx, stage, offset);
    if (busybox) return busybox;
  }
  if (name === "wget" && buildOnly && mapped.alpine.includes("wget")) {
    const busybox = busyboxWget(ctx, stage, offset);
    if (busybox) return busybox;
  }
  return mapped;
}
