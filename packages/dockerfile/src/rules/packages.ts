import type { PackageDecision } from "@alpinize/package-map";
import type { RuleId } from "../edits.js";
import type { MigrationContext } from "../migrate/context.js";
import type { PackageRecord } from "../migrate/types.js";
import { buildCaBundle, busyboxBzip2, busyboxWget } from "./build-only.js";
import { keepAptGosu } from "./gosu-scripts.js";
import { notePackageSetup } from "./package-notes.js";
import { compilesPerlXs } from "./perl-xs.js";
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
        ? ` (candidates: ${decision.candidates.join(", ")})`
        : "";
      // A rule that answered "unknown" has said why already.
      if (decision.layer !== "migrate-rule")
        ctx.warn(rule, tok.offset, `no Alpine package known for ${name}; kept as written${hint}`);
    } else {
      for (const n of written) {
        if (!ctx.packageMap.exists(n)) {
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
 * What a Debian package brings in through its own Depends (or Debian's Essential set) that the
 * Alpine counterpart lacks. Each entry: the Debian names it applies to, the Alpine package to add,
 * when (given what was written and what the stage runs), and the evidence.
 */
interface Companion {
  debian: ReadonlySet<string>;
  add: string;
  /**
   * `names`: every Debian name of the same install command; `recommends`: apt installs them;
   * `mode`: `build-deps` for an install removed again (a virtual package).
   */
  when: (
    written: readonly string[],
    stage: StageState,
    names: readonly string[],
    recommends: boolean,
    mode: "install" | "build-deps",
  ) => boolean;
  reason: string;
}

/** `gcc-12` → `gcc`, `g++-14` → `g++`, `clang-19` → `clang`: Debian's per-major compilers. */
function unversioned(name: string): string {
  return name.replace(/^(gcc|g\+\+|clang)-\d+$/, "$1");
}

/** Debian names that are (or depend on) the libc headers themselves. */
const LIBC_DEV = new Set(["libc6-dev", "libc-dev", "build-essential"]);

/**
 * The rust images' -alpine tags build for `*-unknown-linux-musl`, which links statically
 * (crt-static): a crate linking a system library (openssl-sys, libz-sys, …) needs its `.a`
 * archive, which Alpine ships apart from the -dev package. Debian -dev name → static package.
 */
const RUST_STATIC: Readonly<Record<string, string>> = {
  "libssl-dev": "openssl-libs-static",
  "zlib1g-dev": "zlib-static",
  "libsqlite3-dev": "sqlite-static",
  "liblzma-dev": "xz-static",
  "libzstd-dev": "zstd-static",
  "libbz2-dev": "bzip2-static",
  "libcurl4-openssl-dev": "curl-static",
  "libssh2-1-dev": "libssh2-static",
  "libgit2-dev": "libgit2-static",
};

const STATIC_ARCHIVES: Companion[] = Object.entries(RUST_STATIC).map(([debian, add]) => ({
  debian: new Set([debian]),
  add,
  when: (_written, stage) => stage.staticRust,
  reason: `the rust -alpine image builds for the musl target, which links statically (crt-static): crates linking this library need its static archive, which Alpine ships in ${add}`,
}));

const COMPANIONS: readonly Companion[] = [
  {
    // Debian: gcc Recommends libc6-dev and nearly every lib*-dev Depends on libc6-dev | libc-dev,
    // so gcc next to a -dev package compiles there. Alpine's gcc has no libc headers (g++ depends
    // on musl-dev, gcc does not) and its -dev packages do not pull them in.
    debian: new Set(["gcc", "clang"]),
    add: "musl-dev",
    when: (_written, stage, names, recommends) =>
      !stage.alpineInstalled.has("build-base") &&
      !names.some((n) => LIBC_DEV.has(n)) &&
      (recommends || names.some((n) => /-dev$/.test(n))),
    reason:
      "Debian's gcc gets libc6-dev from its Recommends and from the -dev packages installed with it; Alpine's gcc has no libc headers: musl-dev",
  },
  {
    // Debian: libc6-dev Depends linux-libc-dev (/usr/include/linux, asm); build-essential Depends
    // libc6-dev. Alpine's musl-dev has only the libc headers; the kernel's are linux-headers.
    // g++ Depends libstdc++-dev, which Depends libc6-dev. Build intent: the stage compiles,
    // installs language packages whose extensions compile (psutil includes linux/ethtool.h), or
    // installs make in the same list.
    debian: new Set(["libc6-dev", "libc-dev", "build-essential", "g++"]),
    add: "linux-headers",
    when: (_written, stage, names) =>
      stage.buildsFromSource || stage.compilesExtensions || names.includes("make"),
    reason:
      "Debian's libc6-dev depends on linux-libc-dev (kernel headers: linux/*.h, asm/*.h), which builds from source (make, configure, cmake) include; Alpine's musl-dev has none, they are in linux-headers",
  },
  {
    // Debian: build-essential Depends dpkg-dev, which Depends perl, whose libperl5.xx carries the
    // XS headers (CORE/perl.h, EXTERN.h); cpanminus and carton Depend perl too. Alpine's perl has
    // none: a module with C parts (DBD::Pg, Net::SSLeay, XML::LibXML) fails to build without
    // perl-dev. Build intent: a compiler installed and modules installed from source.
    debian: new Set(["build-essential", "perl", "cpanminus", "carton"]),
    add: "perl-dev",
    when: (_written, stage, names) => compilesPerlXs(stage, names),
    reason:
      "Debian's perl (which build-essential, cpanminus and carton depend on) ships the headers Perl modules with C parts compile against (perl.h, in libperl5.xx); Alpine keeps them in perl-dev",
  },
  {
    // Debian: libicu-dev Depends libicuNN, whose libicudata has every locale; Alpine's icu-dev
    // brings icu-libs with icu-data-en only. Data matters at run time only: an install kept in
    // an image that ships gets it; a build-deps one is deleted again (when a scanelf scan keeps
    // icu-libs for the built program, modules.ts adds icu-data-full to the kept packages), and
    // a build stage's ICU is not what the image runs.
    debian: new Set(["libicu-dev"]),
    add: "icu-data-full",
    when: (_written, stage, _names, _recommends, mode) => mode === "install" && stage.ships,
    reason:
      "Debian's libicu-dev depends on libicuNN, whose data has every locale and charset converter; Alpine's icu-dev pulls in icu-libs with icu-data-en only (en_US/en_GB), so PHP intl, Node's Intl or ICU collations in this image would fall back to English: icu-data-full, kept with icu-dev (drop it, about 30 MB, if English is all the image needs)",
  },
  {
    // Debian: tk-dev Depends tcl-dev (tk.h includes tcl.h), so building against Tk gets Tcl's
    // headers with it; the Alpine build-deps list should say so too.
    debian: new Set(["tk-dev", "tk8.6-dev"]),
    add: "tcl-dev",
    when: () => true,
    reason: "Debian's tk-dev depends on tcl-dev (tk.h includes tcl.h); on Alpine, list tcl-dev too",
  },
  {
    debian: new Set(["build-essential"]),
    add: "dpkg-dev",
    when: (_written, stage) => stage.usesDpkgTools,
    reason:
      "Debian's build-essential depends on dpkg-dev, and the stage runs dpkg-architecture/dpkg-buildflags; Alpine's build-base does not include it",
  },
  {
    // Essential on Debian: always installed there, never on Alpine. dpkg-architecture and
    // dpkg-buildflags run `dpkg` itself.
    debian: new Set(["*"]),
    add: "dpkg",
    when: (written, stage) => written.includes("dpkg-dev") && stage.usesDpkgTools,
    reason:
      "dpkg is Essential on Debian (always there); dpkg-architecture/dpkg-buildflags call it and Alpine's dpkg-dev does not pull it in",
  },
  ...STATIC_ARCHIVES,
];

/** Rule 2 addendum: packages a Debian name implied (see COMPANIONS), added right after it. */
function companions(
  ctx: MigrationContext,
  stage: StageState,
  install: { names: readonly string[]; recommends: boolean; mode: "install" | "build-deps" },
  debian: string,
  written: string[],
  seen: Set<string>,
  offset: number,
  tool: PackageRecord["tool"],
): string[] {
  const added: string[] = [];
  for (const c of COMPANIONS) {
    if (!c.debian.has(unversioned(debian)) && !c.debian.has("*")) continue;
    const sofar = [...written, ...added];
    if (stage.alpineInstalled.has(c.add) && !seen.has(c.add)) continue;
    if (seen.has(c.add) || !ctx.packageMap.exists(c.add)) continue;
    if (!c.when(sofar, stage, install.names, install.recommends, install.mode)) continue;
    seen.add(c.add);
    stage.alpineInstalled.add(c.add);
    ctx.packages.push({
      debian: c.debian.has("*") ? c.add : debian,
      alpine: [c.add],
      kind: c.debian.has("*") ? "exact" : "split",
      reason: c.reason,
      layer: "migrate-rule",
      line: ctx.line(offset),
      tool,
      written: [c.add],
    });
    added.push(c.add);
  }
  return added;
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
