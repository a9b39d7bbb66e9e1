import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import { DATA_DIR, DATA_FILE } from "./data-paths.js";
import { decideImage } from "./images.js";
import { copySource, copyWords, jvmOutput, stageNamed } from "./keep-glibc.js";
import type { StageInfo } from "./stage-info.js";

/** Where binaries and shared libraries live. */
const BINARY_PATH = /^\/(?:[\w.+-]+\/)*(?:s?bin|lib(?:64|exec)?)\/|\.so(?:\.\d+)*$/;

/**
 * Rule `glibc`: a stage on Alpine that copies programs or libraries out of a stage, or an image,
 * that stays on glibc gets files linked against glibc, which musl's loader cannot run (static
 * builds and scripts aside). Flagged, with the ways out.
 */
export function flagGlibcCopies(ctx: MigrationContext, info: StageInfo, all: StageInfo[]): void {
  if (!info.alpine) return;
  for (const ins of info.stage.body) {
    if (ins.keyword !== "COPY") continue;
    const { flags, rest } = splitFlags(ins.args.text);
    const written = flags.get("from");
    const from = written === undefined ? undefined : copySource(written, ctx.globalArgs);
    if (from === undefined) continue;
    const source = glibcSource(from, all, ctx.release);
    if (!source) continue;
    const jvmSource = stageNamed(from, all);
    const words = copyWords(ins.args.text.slice(rest));
    // Anything but plain data: a release, a venv, node_modules or a binary may hold glibc code.
    const binaries = words
      .slice(0, -1)
      .filter((w) => BINARY_PATH.test(w) || !(DATA_FILE.test(w) || DATA_DIR.test(w)));
    // Jars and launcher scripts from a JVM build image run on Alpine's JRE too.
    if (binaries.length === 0 || (jvmSource && jvmOutput(jvmSource, binaries))) continue;
    ctx.warn(
      "glibc",
      ins.start,
      `${binaries.join(", ")} comes from ${source}, which stays on glibc: programs and native libraries in it (a binary, a release with its runtime, a virtualenv, node addons) are linked against glibc and do not run on Alpine (musl); build it in an Alpine stage, copy a static build, or apk add gcompat`,
    );
  }
}

function glibcSource(from: string, all: StageInfo[], release: string): string | undefined {
  const stage = stageNamed(from, all);
  // A scratch stage holds only what was copied into it, from stages judged on their own.
  if (stage)
    return stage.alpine || stage.stage.image.toLowerCase() === "scratch"
      ? undefined
      : `stage ${from} (${stage.stage.image})`;
  // An image named directly: a Debian-based one (it has an Alpine twin we would pick) is glibc.
  return decideImage(from, release).family === "converted" ? `image ${from}` : undefined;
}
