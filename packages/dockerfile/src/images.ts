import { globalArg } from "./global-args.js";
import { parseDockerfile } from "./parse/dockerfile.js";
import { countBelow } from "./sorted.js";
import { analyzeStages, wholeVariable } from "./stages.js";

export interface ImageReferenceSpan {
  /** `from`: the image word of a FROM; `arg`: the default of a global ARG used as `FROM ${X}`. */
  kind: "from" | "arg";
  reference: string;
  /** Source offsets of the reference text (quotes excluded). */
  start: number;
  end: number;
  /** 1-based line of the reference. */
  line: number;
  /** The alias (`AS name`) of the stage that uses the image. */
  stage?: string;
  /** For `arg`: the ARG's name. */
  argName?: string;
  /** The FROM's `--platform` value as written. */
  platform?: string;
}

/**
 * Every external image a Dockerfile builds on, with exact spans for rewriting or pinning: FROM
 * images, and global ARG defaults that a `FROM ${X}` uses. Skips `scratch`, earlier stage names
 * and references that still hold variables.
 */
export function listImageReferences(text: string): ImageReferenceSpan[] {
  const doc = parseDockerfile(text);
  const { globalArgs, stages } = analyzeStages(doc);
  const lineOf = lineFinder(doc.lineStarts);
  const out: ImageReferenceSpan[] = [];
  const seenArgs = new Set<number>();
  // Built once: an ARG default that names a stage is no image, and each FROM ${X} asks.
  const aliases = new Set(
    stages.flatMap((s) => (s.alias === undefined ? [] : [s.alias.toLowerCase()])),
  );
  for (const stage of stages) {
    if (stage.parent || stage.image === "" || stage.image.toLowerCase() === "scratch") continue;
    const extra = {
      ...(stage.alias !== undefined ? { stage: stage.alias } : {}),
      ...(stage.platform !== undefined ? { platform: stage.platform } : {}),
    };
    const variable = wholeVariable(stage.image);
    if (variable !== undefined) {
      const arg = globalArg(globalArgs, variable);
      if (!arg || seenArgs.has(arg.start) || !isPlainImage(arg.value, aliases)) continue;
      seenArgs.add(arg.start);
      out.push({
        kind: "arg",
        reference: arg.value,
        start: arg.start,
        end: arg.end,
        line: lineOf(arg.start),
        argName: arg.name,
        ...extra,
      });
      continue;
    }
    if (stage.image.includes("$")) continue;
    out.push({
      kind: "from",
      reference: stage.image,
      start: stage.imageStart,
      end: stage.imageEnd,
      line: lineOf(stage.imageStart),
      ...extra,
    });
  }
  return out;
}

function isPlainImage(value: string, aliases: ReadonlySet<string>): boolean {
  if (value === "" || value.includes("$") || value.toLowerCase() === "scratch") return false;
  return !aliases.has(value.toLowerCase());
}

/** Maps a source offset to its 1-based line. */
export function lineFinder(lineStarts: number[]): (offset: number) => number {
  // The line holding `offset` is the number of lines starting at or before it (at least 1).
  return (offset) => Math.max(1, countBelow(lineStarts, offset + 1));
}
