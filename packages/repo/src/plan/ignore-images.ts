import { isIgnoredImage } from "../dockerfile/images.js";
import type { StageInfo } from "../dockerfile/stages.js";
import type { DockerfileResult } from "../transforms.js";

interface Edit {
  line: number;
  start: number;
  end: number;
  after: string;
}

/**
 * Keeps the stages whose base image `images.ignore` names exactly as written, by dropping the
 * transform's edits on their lines. When the edits cannot be replayed to the transform's own
 * output, nothing is dropped silently: the caller gets undefined and leaves the file alone.
 */
export function withoutIgnoredStages(
  before: string,
  result: DockerfileResult & { edits?: Edit[] },
  stages: StageInfo[],
  patterns: readonly string[],
): { result: DockerfileResult; kept: string[] } | undefined {
  const ignored = stages.filter((s) => s.parent === undefined && isIgnoredImage(s.image, patterns));
  if (ignored.length === 0) return { result, kept: [] };
  const edits = result.edits;
  if (!edits || applyEdits(before, edits) !== result.output) return undefined;
  const imageLines = new Set(ignored.map((s) => s.imageLine));
  const inIgnored = (line: number) =>
    imageLines.has(line) ||
    ignored.some(
      (s) => line >= s.line && line < (stages[s.index + 1]?.line ?? Number.MAX_SAFE_INTEGER),
    );
  const keptEdits = edits.filter((e) => !inIgnored(e.line));
  const output = applyEdits(before, keptEdits);
  return {
    result: {
      ...result,
      output,
      changed: output !== before,
      warnings: result.warnings.filter((w) => !inIgnored(w.line)),
      packages: result.packages.filter((p) => !inIgnored(p.line)),
      images: result.images.filter((i) => !inIgnored(i.line)),
    },
    kept: ignored.map((s) => s.image),
  };
}

function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let floor = Number.MAX_SAFE_INTEGER;
  for (const edit of sorted) {
    if (edit.end > floor) return "\u0000overlap";
    out = out.slice(0, edit.start) + edit.after + out.slice(edit.end);
    floor = edit.start;
  }
  return out;
}
