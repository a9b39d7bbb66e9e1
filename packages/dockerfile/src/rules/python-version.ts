import { globalArg } from "../global-args.js";
import type { MigrationContext } from "../migrate/context.js";
import { sourceSpan } from "../parse/logical.js";
import { rootStage, type Stage, wholeVariable } from "../stages.js";
import { baseRepository } from "./base-image.js";
import { ALPINE_PYTHON } from "./debian-layout.js";
import { debianRelease } from "./debian-releases.js";
import type { StageState } from "./scope.js";

/** The image reference a stage's FROM chain starts on, through a `FROM ${ARG}` default. */
export function rootReference(ctx: MigrationContext, stage: Stage): string {
  const image = rootStage(stage).image;
  const variable = wholeVariable(image);
  const written =
    variable === undefined ? image : (globalArg(ctx.globalArgs, variable)?.value ?? "");
  return written.replace(/^(?:\$\{[^}]*\}|\$\w+)\//, "");
}

/** Debian packages of the default python3: the interpreter and its modules (not python3.11). */
const PLAIN_PYTHON = /^(?:python3(?:-(?!\d)[\w.+-]+)?|python-is-python3|libpython3-dev)$/;

/**
 * Rule `apt` (python3 version): Debian's python3 is 3.11 on bookworm, 3.13 on trixie, 3.10 on
 * Ubuntu 22.04; apk's is each Alpine release's own (3.12, 3.14 on 3.24). A stage that installs
 * the plain python3 (or its modules) and installs Python packages into it (pip, uv, poetry, …)
 * gets another minor: pins and wheels chosen for the old one may not install. One warning per stage that installs it, naming both versions; a versioned
 * python3.X has its own version-change warning.
 */
export function flagPythonVersion(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  const target = ALPINE_PYTHON[ctx.release];
  const stage = state.info.stage;
  // The python images' -alpine tags keep the version of the tag.
  if (target === undefined || /^(?:python|pypy)$/.test(baseRepository(ctx, stage) ?? "")) return;
  const parent = stage.parent ? ctx.debianByStage.get(stage.parent.index) : undefined;
  const own = [...state.debianInstalled].filter((n) => !parent?.has(n));
  if (own.some((n) => /^python3\.\d+/.test(n)) || !own.some((n) => PLAIN_PYTHON.test(n))) return;
  // A python3 that only runs build scripts (node-gyp's) meets no pins: only package installs do.
  if (!installsPythonPackages(state)) return;
  const release = debianRelease(rootReference(ctx, stage));
  const python = release?.python;
  if (release === undefined || python === undefined || python === target) return;
  ctx.warn(
    "apt",
    installOffset(stage) ?? stage.from.start,
    `python3 is ${python} on ${release.distro} ${release.version} (${release.codename}) and ${target} on Alpine ${ctx.release}: pinned packages (pip install x==1.2.3) and wheels built for ${python} may have no build for ${target} or behave differently; check the pins, or use python:${python}-alpine to keep ${python}`,
  );
}

const INSTALLERS = /^(?:pip3?(?:\.\d+)?|uv|poetry|pipenv|pdm)$/;

/** Whether the stage installs Python packages: pip (also `python3 -m pip`), uv, poetry, pipenv, pdm. */
function installsPythonPackages(state: StageState): boolean {
  if ([...state.commands].some((c) => INSTALLERS.test(c.replace(/^.*\//, "")))) return true;
  return state.info.stage.body.some(
    (ins) => ins.keyword === "RUN" && /\bpython3?(?:\.\d+)?\s+-m\s+pip\b/.test(ins.args.text),
  );
}

/** Where the stage's first RUN names a python3 package. */
function installOffset(stage: Stage): number | undefined {
  const word =
    /(?<=^|[\s=])(?:python3(?:-(?!\d)[\w.+-]+)?|python-is-python3|libpython3-dev)(?=[\s;&|\\]|$)/m;
  for (const ins of stage.body) {
    if (ins.keyword !== "RUN") continue;
    const m = word.exec(ins.args.text);
    if (m) return sourceSpan(ins.args, m.index, m.index + m[0].length)[0];
  }
  return undefined;
}
