import {
  analyzeStages,
  lineFinder,
  listImageReferences,
  parseDockerfile,
} from "@alpinize/dockerfile";
import type { LocatedReference } from "./located.js";

/** FROM images and the ARG defaults a FROM uses, in file order. */
export function locateInDockerfile(text: string): LocatedReference[] {
  const refs = listImageReferences(text);
  const out: LocatedReference[] = refs.map((r) => ({
    reference: r.reference,
    start: r.start,
    end: r.end,
    line: r.line,
    where: r.kind === "arg" ? `ARG ${r.argName}` : "FROM",
  }));
  // The parser leaves out FROM images that still hold variables (beyond `${X}` with a plain ARG
  // default, which it lists as the ARG); list them too, so pinning skips them with a warning
  // instead of `--check` passing them in silence.
  const covered = new Set(refs.flatMap((r) => (r.kind === "arg" ? [r.argName] : [])));
  const doc = parseDockerfile(text);
  const lineOf = lineFinder(doc.lineStarts);
  for (const stage of analyzeStages(doc).stages) {
    if (stage.parent || !stage.image.includes("$")) continue;
    const whole = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(stage.image)?.[1];
    if (whole !== undefined && covered.has(whole)) continue;
    out.push({
      reference: stage.image,
      start: stage.imageStart,
      end: stage.imageEnd,
      line: lineOf(stage.imageStart),
      where: "FROM",
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
