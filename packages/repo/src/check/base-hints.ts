import {
  analyzeStages,
  lineFinder,
  migrateDockerfile,
  parseDockerfile,
} from "@alpinize/dockerfile";
import { isAlpinizeError } from "@alpinize/errors";
import type { PackageMap } from "@alpinize/package-map";

/** Migrate's refusals of a file too large to read: check's own reading would run out of heap too. */
const REFUSALS = new Set([
  "ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS",
  "ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES",
]);

/** Migrate warns so when an ARG other lines read too names the image: it writes nothing there. */
const BY_HAND = /cannot rewrite it in place: change the base to (\S+) by hand/;
const VARIABLE = /\$\{?([A-Za-z_]\w*)/g;

/**
 * What debian-base says, by the line of a stage's FROM, where migrate leaves the base on purpose
 * rather than moving it: "run alpinize migrate" would send the user back for nothing.
 * - a stage that copies a glibc-only stage's programs stays on Debian (migrate's reason);
 * - an image taken from a global ARG that other FROM or ARG lines read is not rewritten: the
 *   hint names the ARG and the Alpine image migrate asks for.
 */
export function migrateBaseHints(
  text: string,
  fileName: string,
  packageMap: PackageMap,
): Map<number, string> {
  const hints = new Map<number, string>();
  let warnings: ReturnType<typeof migrateDockerfile>["warnings"];
  try {
    warnings = migrateDockerfile(text, { fileName, packageMap }).warnings;
  } catch (err) {
    // A file past migrate's bound on sh -c strings or package names is past check's too: its
    // own reading would run out of heap where migrate refused, so the refusal is check's answer.
    if (isAlpinizeError(err) && REFUSALS.has(err.code)) throw err;
    // A file migrate cannot read otherwise is reported by the rules that can.
    return hints;
  }
  let images: Map<number, { image: string; args: string[] }> | undefined;
  for (const w of warnings) {
    if (w.rule !== "from") continue;
    if (/ stays: this stage copies /.test(w.message)) {
      hints.set(w.line, keptHint(w.message));
      continue;
    }
    const alpine = BY_HAND.exec(w.message)?.[1];
    if (alpine === undefined) continue;
    images ??= fromImages(text, fileName);
    const from = images.get(w.line);
    if (from && from.args.length > 0) hints.set(w.line, argHint(from.image, from.args, alpine));
  }
  return hints;
}

/** Migrate's reason for keeping the stage, as a hint (it would change nothing there). */
function keptHint(reason: string): string {
  return `alpinize migrate leaves this stage: ${reason.replace(/^\S+ stays: /, "")}; or list the image in images.ignore`;
}

function argHint(image: string, args: readonly string[], alpine: string): string {
  const named = args.map((a) => `ARG ${a}`).join(", ");
  const which = args.length === 1 ? "its default" : "their defaults";
  return `the image comes from ${named} (${image}), which other lines read too, so alpinize migrate does not rewrite it: write ${alpine} in this FROM by hand, or set ${which} so that every FROM reading ${args.length === 1 ? "it" : "them"} names an Alpine image; or list the image in images.ignore`;
}

/** Each stage's image as written, by its FROM line, with the global ARGs it reads. */
function fromImages(text: string, fileName: string) {
  const out = new Map<number, { image: string; args: string[] }>();
  const doc = parseDockerfile(text, { fileName });
  const model = analyzeStages(doc);
  const lineOf = lineFinder(doc.lineStarts);
  const globals = new Set(model.globalArgs.map((a) => a.name));
  for (const stage of model.stages) {
    const args = [...new Set([...stage.image.matchAll(VARIABLE)].map((m) => m[1]!))].filter((n) =>
      globals.has(n),
    );
    out.set(lineOf(stage.imageStart), { image: stage.image, args });
  }
  return out;
}
