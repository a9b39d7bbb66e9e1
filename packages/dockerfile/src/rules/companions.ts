import type { MigrationContext } from "../migrate/context.js";
import type { PackageRecord } from "../migrate/types.js";
import { compilesPerlXs } from "./perl-xs.js";
import type { StageState } from "./scope.js";

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
    tool: PackageRecord["tool"],
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

const STATIC_ARCHIVES: Companion[] = Object.entries(RUST_STATIC).flatMap(([debian, add]) => [
  {
    debian: new Set([debian]),
    add,
    when: (_written, stage, _names, _recommends, _mode, tool) =>
      tool !== "xx-apt" && stage.staticRust,
    reason: `the rust -alpine image builds for the musl target, which links statically (crt-static): crates linking this library need its static archive, which Alpine ships in ${add}`,
  },
  {
    // xx-apk installs into the target's sysroot, which xx-cargo links against; a plain cargo
    // given the target (`cargo build --target "$(xx-cargo --print-target-triple)"`) does too.
    debian: new Set([debian]),
    add,
    when: (_written, stage, _names, _recommends, _mode, tool) =>
      tool === "xx-apt" && (stage.staticXxRust || stage.staticRust),
    reason: `xx-cargo on the rust -alpine image (rustup) builds for <arch>-unknown-linux-musl, which links statically (crt-static): crates linking this library need its static archive for the target, which Alpine ships in ${add}`,
  },
]);

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
export function companions(
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
    if (!c.when(sofar, stage, install.names, install.recommends, install.mode, tool)) continue;
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
