import type { Instruction } from "@alpinize/dockerfile";
import type { StageInfo } from "../dockerfile/stages.js";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import { instructionWords } from "../dockerfile/words.js";
import type { LayoutAdvice } from "./debian-layout.js";
import type { DebianPaths } from "./debian-paths.js";

export interface EnvPathProblem {
  line: number;
  message: string;
}

/**
 * ENV values and ARG defaults of an Alpine stage that point into Debian's layout
 * (`JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64`, a PATH entry under /usr/lib/postgresql/16/bin).
 * Docker sets them without looking, so the build goes on; the program that reads the variable
 * fails when the image runs (or a later RUN that uses it). Judged with what the whole stage made,
 * since a RUN after the ENV (a link, a mkdir) still comes before the container starts.
 */
export function envPathProblems(
  stage: StageInfo,
  advice: LayoutAdvice,
  made: DebianPaths,
): EnvPathProblem[] {
  const out: EnvPathProblem[] = [];
  for (const ins of stage.body) {
    if (ins.keyword !== "ENV" && ins.keyword !== "ARG") continue;
    for (const [name, value] of assignments(ins)) {
      // PATH-like values list several folders.
      for (const part of value.split(":")) {
        const path = withoutTrailingSlashes(part);
        if (!path.startsWith("/") || made.known(path)) continue;
        const note = advice.path(path);
        if (note === undefined) continue;
        const root = advice.root(path) ?? path;
        out.push({
          line: ins.line,
          message: `${ins.keyword} ${name}=${value} in Alpine stage ${stage.name}: Alpine has no ${root}, so whatever reads ${name} fails when it runs (the build does not stop here); ${note}`,
        });
        break;
      }
    }
  }
  return out;
}

/** `ENV A=1 B=2`, the old `ENV A 1 2` form, and `ARG A=1` (an ARG without a default sets nothing). */
function assignments(ins: Instruction): [string, string][] {
  const words = instructionWords(ins.args.text);
  if (ins.keyword === "ENV" && words.length >= 2 && !words[0]!.includes("="))
    return [[words[0]!, words.slice(1).join(" ")]];
  const out: [string, string][] = [];
  for (const word of words) {
    const eq = word.indexOf("=");
    if (eq > 0) out.push([word.slice(0, eq), word.slice(eq + 1)]);
  }
  return out;
}
