import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { simpleCommands } from "../shell/script.js";
import { knownSourceBuilds } from "./buildpack-recipes.js";
import type { BuildpackVariant } from "./buildpack-variant.js";
import { splitReference } from "./images.js";
import { runScripts } from "./run-scripts.js";
import type { StageState } from "./scope.js";
import { stageCommands } from "./stage-commands.js";

const RANK: Record<BuildpackVariant, number> = { curl: 1, scm: 2, full: 3 };

export function buildpackVariant(image: string): BuildpackVariant {
  const tag = splitReference(image).tag ?? "latest";
  if (/-curl$/.test(tag)) return "curl";
  if (/-scm$/.test(tag)) return "scm";
  return "full";
}

/** Commands a buildpack-deps variant provides, and the Alpine packages that provide them. */
const TOOLS: { variant: BuildpackVariant; commands: string[]; alpine: string[] }[] = [
  { variant: "curl", commands: ["curl"], alpine: ["curl"] },
  {
    variant: "curl",
    commands: ["gpg", "gpgv", "gpgconf", "gpg-agent", "dirmngr"],
    alpine: ["gnupg"],
  },
  { variant: "scm", commands: ["git"], alpine: ["git"] },
  { variant: "scm", commands: ["hg"], alpine: ["mercurial"] },
  { variant: "scm", commands: ["svn"], alpine: ["subversion"] },
  { variant: "scm", commands: ["ssh", "scp", "ssh-keyscan"], alpine: ["openssh-client"] },
  { variant: "full", commands: ["autoconf", "autoreconf"], alpine: ["autoconf"] },
  { variant: "full", commands: ["automake", "aclocal"], alpine: ["automake"] },
  { variant: "full", commands: ["libtool", "libtoolize"], alpine: ["libtool"] },
  { variant: "full", commands: ["patch"], alpine: ["patch"] },
];

/**
 * `./autogen.sh` by convention runs `autoreconf --install`. (`./bootstrap` is not counted: rebar's,
 * for one, is an escript.)
 */
const BOOTSTRAP = new Set(["autogen.sh"]);

/**
 * Tools a source tree's own build script runs for the stage: `./otp_build autoconf` names the
 * tool it calls, and `./autogen.sh` runs autoreconf (autoconf, automake, libtool).
 */
function scriptTools(ctx: MigrationContext, family: Instruction[]): Set<string> {
  const tools = new Set<string>();
  for (const ins of family) {
    if (ins.keyword !== "RUN" || ins.form === "exec") continue;
    try {
      for (const src of runScripts(ctx, ins)) {
        for (const c of simpleCommands(src.script)) {
          const name = c.name ?? "";
          if (!name.startsWith("./")) continue;
          if (BOOTSTRAP.has(name.slice(2)))
            for (const t of ["autoreconf", "automake", "libtoolize"]) tools.add(t);
          for (const a of c.args.slice(1))
            if (a.value && /^(?:autoconf|autoreconf|automake|libtoolize)$/.test(a.value))
              tools.add(a.value);
        }
      }
    } catch {
      // A script that does not tokenize is reported when the RUN itself is migrated.
    }
  }
  return tools;
}

/**
 * A stage that was on buildpack-deps now starts from plain Alpine: the tools the image
 * preinstalled and the stage (or a stage built FROM it) uses are added in one `apk add` after the
 * FROM. ca-certificates always (every variant ships it: TLS clients in the image rely on it); a
 * C/C++ toolchain when the full variant's stage builds from source; GNU wget only for options
 * busybox wget lacks. -dev libraries cannot be told from commands: a warning says so.
 */
export function addBuildpackTools(
  ctx: MigrationContext,
  state: StageState,
  family: Instruction[],
): void {
  const variant = state.info.buildpack;
  if (!variant) return;
  const rank = RANK[variant];
  const commands = stageCommands(ctx, family);
  for (const c of state.commands) commands.add(c);
  if (variant === "full") for (const t of scriptTools(ctx, family)) commands.add(t);
  // A language image's -alpine tag has its own CA bundle and toolchain story (the FROM note).
  const via = state.info.buildpackVia;
  const want = via ? [] : ["ca-certificates"];
  for (const t of TOOLS) {
    if (RANK[t.variant] <= rank && t.commands.some((c) => commands.has(c))) want.push(...t.alpine);
  }
  if (state.wget.kind === "gnu") want.push("wget");
  const compiles =
    !via &&
    variant === "full" &&
    (state.buildsFromSource || ["gcc", "cc", "g++", "c++"].some((c) => commands.has(c)));
  if (compiles) want.push("gcc", "g++", "make", "musl-dev", "linux-headers");
  const recipes = compiles ? knownSourceBuilds([...family, ...state.info.stage.body]) : [];
  for (const r of recipes) want.push(...r.dev);
  if (!via && variant === "full" && state.usesDpkgTools) want.push("dpkg-dev", "dpkg");
  const add = [...new Set(want)].filter(
    (n) => !state.alpineInstalled.has(n) && ctx.packageMap.exists(n),
  );
  for (const n of add) {
    state.alpineInstalled.add(n);
    state.lasting.add(n);
  }
  state.preamble.unshift(...add);
  // The full tag also shipped many -dev libraries; which ones a build uses cannot be told from
  // commands, only for the upstreams recognised by their source.
  const known = recipes.map((r) => r.name).join(", ");
  const devNote = !compiles
    ? undefined
    : recipes.length > 0
      ? `the -dev libraries ${known}'s build needs came with buildpack-deps and were added; if this stage builds more, add the Alpine -dev packages it links against`
      : "buildpack-deps also shipped many -dev libraries (libssl-dev, zlib1g-dev, libffi-dev, …): add the Alpine -dev packages the build links against";
  if (add.length === 0 && !devNote) return;
  // ca-certificates comes back whatever the stage runs (TLS clients rely on it): say so.
  const tools = add.filter((n) => n !== "ca-certificates");
  const added =
    add.length === 0
      ? ""
      : via
        ? `${via} is built on buildpack-deps, which preinstalled tools this stage uses; the -alpine tag has none: added ${add.join(" ")}`
        : tools.length === 0
          ? "buildpack-deps shipped ca-certificates, which TLS clients in the image rely on: added it"
          : `buildpack-deps preinstalled tools this stage uses: added ${add.join(" ")}`;
  ctx.warn("from", state.info.stage.imageStart, [added, devNote].filter(Boolean).join("; "));
}
