import type { Pipeline, SimpleCommand } from "../shell/script.js";
import { APT_TOOLS, aptStepRemoved } from "./apt.js";
import type { ScriptScope } from "./scope.js";

const SCANELF_RUNDEPS =
  "apk add --no-cache --no-network --virtual .rundeps $(scanelf --needed --nobanner --format '%n#p' --recursive /usr/local | tr ',' '\\n' | sort -u | awk 'system(\"[ -e /usr/local/lib/\" $1 \" ]\") == 0 { next } { print \"so:\" $1 }')";

/** A variable the docker-library pattern keeps apt-mark's list in (`savedAptMark`). */
const APT_MARK_VAR = /\$\{?\w*[Aa]pt_?[Mm]ark\w*\}?/;

/**
 * Whether a pipeline is apt-mark bookkeeping: apt-mark runs (itself, or from xargs), its list is
 * saved (`savedAptMark="$(apt-mark showmanual)"`) or tested (`[ -z "$savedAptMark" ]`). A word
 * that merely mentions apt-mark (an echo, a grep pattern, a file name) is not.
 */
export function isAptMarkStep(pipeline: Pipeline): boolean {
  return pipeline.commands.some((c) => {
    const name = c.name?.replace(/^.*\//, "") ?? "";
    if (name === "apt-mark") return true;
    if (name === "xargs")
      return c.args.some((a) => /^(?:.*\/)?(?:apt-mark|dpkg-query)$/.test(a.value ?? ""));
    if (c.args.length === 0) {
      return c.assignments.some((a) => aptMarkName(a.raw) || /\$\(\s*apt-mark\b/.test(a.raw));
    }
    if (name === "[" || name === "test") return c.args.some((a) => APT_MARK_VAR.test(a.raw));
    return false;
  });
}

/**
 * The docker-library pattern: `savedAptMark="$(apt-mark showmanual)"` … `apt-mark auto/manual`
 * … `apt-get purge --auto-remove`. Installs after it go into a virtual package; the ldd/dpkg-query
 * scan that keeps runtime libraries becomes the scanelf equivalent.
 */
export function buildDepsBookkeeping(
  scope: ScriptScope,
  pipeline: Pipeline,
  raw: string[],
): boolean {
  const hold = raw.findIndex((w) => w === "hold" || w === "unhold");
  if (raw.some((w) => w.includes("showmanual"))) scope.buildDeps = true;
  if (raw.some((w) => /^(?:ldd|dpkg-query)$/.test(w) || w === "--search")) {
    if (scope.replacePipeline(pipeline, SCANELF_RUNDEPS, "apt")) {
      scope.stage.runtimeScanAt ??= scope.fileOffset(pipeline.start);
    }
    return true;
  }
  // `apt-get install -y x | apt-mark manual x`: deleting the pipeline would lose the install.
  // An `apt-get update` beside it is removed anyway, so that pipeline goes whole.
  const installs = (c: SimpleCommand) => {
    const name = c.name?.replace(/^.*\//, "") ?? "";
    if (name === "apk" || name === "xx-apk") return true;
    return APT_TOOLS.has(name) && !aptStepRemoved(c);
  };
  if (pipeline.commands.some(installs)) {
    scope.warn(
      "apt",
      pipeline.start,
      "apt-mark is piped together with an apt install here: left as is; give apt-mark a line of its own (alpinize removes it there)",
    );
    return false;
  }
  if (scope.deletePipeline(pipeline, "apt") && hold > 0 && raw[hold - 1] === "apt-mark") {
    scope.warn(
      "apt",
      pipeline.start,
      `apt-mark ${raw[hold]} removed: apk has no holds; pin a version in the install instead (apk add 'curl=8.5.0-r0') or in /etc/apk/world`,
    );
  }
  return true;
}

/**
 * An assignment to a name holding apt-mark (`APT_MARK=…`, `savedAptMark=…`), as
 * `^\w*[Aa]pt_?[Mm]ark\w*=` tests: the name is asked for it apart, which that expression did
 * once for each `apt` of a long name.
 */
export function aptMarkName(word: string): boolean {
  const name = /^(\w*)=/.exec(word)?.[1];
  return name !== undefined && /[Aa]pt_?[Mm]ark/.test(name);
}
