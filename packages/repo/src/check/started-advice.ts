import type { StageInfo } from "../dockerfile/stages.js";
import { stageWorld } from "./apk-history.js";
import type { LayoutAdvice } from "./debian-layout.js";

/**
 * Alpine packages that install a program migrate's table names under another package: Alpine's
 * apache2 leaves apachectl to apache2-ctl (aports main/apache2), and its dpkg has dpkg-divert and update-alternatives.
 */
const PROVIDERS: ReadonlyMap<string, readonly string[]> = new Map([
  ["apachectl", ["apache2-ctl"]],
  ["dpkg-divert", ["dpkg"]],
  ["update-alternatives", ["dpkg"]],
]);

/**
 * What migrate says about a program name, kept to the names that are not there: a name the
 * installed apk packages provide (runuser after apk add runuser, apachectl after apk add
 * apache2-ctl) is there, and `python3.N` is there when it is the release's python3.
 */
export function missingProgramAdvice(
  name: string,
  advice: LayoutAdvice,
  installed: (pkg: string) => boolean,
): string | undefined {
  const note = advice.program(name);
  if (note === undefined) return undefined;
  if (installed(name) || (PROVIDERS.get(name) ?? []).some(installed)) return undefined;
  if (/^python3\.\d+$/.test(name) && advice.shipsPython(name.slice(6))) return undefined;
  return note;
}

/** missingProgramAdvice for what an ENTRYPOINT/CMD starts, by what the stage leaves installed. */
export function startedProgramAdvice(
  stage: StageInfo,
  stages: readonly StageInfo[],
  advice: LayoutAdvice,
): (name: string) => string | undefined {
  let world: ReturnType<typeof stageWorld> | undefined;
  return (name) => {
    if (advice.program(name) === undefined) return undefined;
    world ??= stageWorld(stage, stages);
    const at = world;
    return missingProgramAdvice(name, advice, (pkg) => at.has(pkg));
  };
}
