import type { ArgDefault } from "./arg-default.js";
import { wholeWordQuotes } from "./from-reference.js";
import { expandReference } from "./global-args.js";
import { splitFlags } from "./parse/dockerfile.js";
import { sourceSpan, splitWords } from "./parse/logical.js";
import type { Instruction, ParsedDockerfile } from "./parse/types.js";

export type { ArgDefault } from "./arg-default.js";

export interface Stage {
  index: number;
  from: Instruction;
  /** The image word as written (may hold `${VAR}`), without quotes around all of it. */
  image: string;
  imageStart: number;
  imageEnd: number;
  platform?: string;
  alias?: string;
  /** The stage this one builds on (`FROM builder`, or a `FROM build-${ENV}` the global ARG
   * defaults make name one), when it names an earlier stage. */
  parent?: Stage;
  /** Instructions after FROM up to the next FROM. */
  body: Instruction[];
}

export interface StageModel {
  globalArgs: ArgDefault[];
  stages: Stage[];
}

/** Splits the file into stages and reads the global ARG defaults a FROM may refer to. */
export function analyzeStages(doc: ParsedDockerfile): StageModel {
  const globalArgs: ArgDefault[] = [];
  const stages: Stage[] = [];
  // Lower-case alias → the first stage that took it: what `FROM name` builds on (Docker reads
  // stage names in any case). A name taken again later does not replace the first one.
  const byAlias = new Map<string, Stage>();
  for (const ins of doc.instructions) {
    if (ins.keyword === "FROM") {
      const stage = readFrom(ins, stages.length, byAlias, globalArgs);
      stages.push(stage);
      const key = stage.alias?.toLowerCase();
      if (key !== undefined && !byAlias.has(key)) byAlias.set(key, stage);
    } else if (stages.length === 0) {
      if (ins.keyword === "ARG") globalArgs.push(...readArgDefaults(ins));
    } else {
      stages[stages.length - 1]!.body.push(ins);
    }
  }
  return { globalArgs, stages };
}

function readFrom(
  ins: Instruction,
  index: number,
  byAlias: ReadonlyMap<string, Stage>,
  globalArgs: readonly ArgDefault[],
): Stage {
  const { flags, rest } = splitFlags(ins.args.text);
  const words = splitWords(ins.args.text.slice(rest)).map((w) => ({
    ...w,
    start: w.start + rest,
    end: w.end + rest,
  }));
  const image = words[0];
  // `FROM "debian:bookworm"`: BuildKit takes the quotes off; the image is the text inside, and
  // a rewrite keeps them.
  const quotes = image ? wholeWordQuotes(image.text) : 0;
  const [imageStart, imageEnd] = image
    ? sourceSpan(ins.args, image.start + quotes, image.end - quotes)
    : [ins.args.end, ins.args.end];
  const alias = words[1]?.text.toUpperCase() === "AS" ? words[2]?.text : undefined;
  const imageText = image?.text.slice(quotes, image.text.length - quotes) ?? "";
  const parent = byAlias.get(imageText.toLowerCase()) ?? stageByArg(imageText, byAlias, globalArgs);
  const stage: Stage = {
    index,
    from: ins,
    image: imageText,
    imageStart,
    imageEnd,
    body: [],
  };
  const platform = flags.get("platform");
  if (platform !== undefined) stage.platform = platform;
  if (alias !== undefined) stage.alias = alias;
  if (parent) stage.parent = parent;
  return stage;
}

/**
 * The earlier stage a FROM names through global ARGs (`FROM build-${APP_ENV}` with
 * `ARG APP_ENV=production` and a stage `build-production`, or `ARG STAGE=build-${APP_ENV}` then
 * `FROM ${STAGE}`): BuildKit expands the FROM from the global ARG defaults first and then looks
 * the result up among the stage names.
 */
function stageByArg(
  image: string,
  byAlias: ReadonlyMap<string, Stage>,
  globalArgs: readonly ArgDefault[],
): Stage | undefined {
  if (!image.includes("$") || byAlias.size === 0) return undefined;
  const expanded = expandReference(image, globalArgs);
  if (expanded.unresolved.length > 0) return undefined;
  return byAlias.get(expanded.text.toLowerCase());
}

/** `ARG A=1 B="two"` → defaults with source spans of the unquoted values. */
function readArgDefaults(ins: Instruction): ArgDefault[] {
  const out: ArgDefault[] = [];
  for (const word of splitWords(ins.args.text)) {
    const eq = word.text.indexOf("=");
    if (eq <= 0) continue;
    const name = word.text.slice(0, eq);
    let from = word.start + eq + 1;
    let to = word.end;
    const raw = word.text.slice(eq + 1);
    const q = raw[0];
    if ((q === '"' || q === "'") && raw.length >= 2 && raw.endsWith(q)) {
      from++;
      to--;
    }
    const [start, end] = sourceSpan(ins.args, from, to);
    out.push({ name, value: ins.args.text.slice(from, to), start, end, instruction: ins });
  }
  return out;
}

/** `$X` or `${X}` as the whole word → `X`. */
export function wholeVariable(word: string): string | undefined {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(word);
  return m ? (m[1] ?? m[2]) : undefined;
}

// Each stage's chain root, found once: a rule asking for every stage of a long `FROM earlier`
// chain would otherwise walk the whole chain for each of them.
const roots = new WeakMap<Stage, Stage>();

/** The first stage of a `FROM base` chain: the one naming an image (the stage itself if none). */
export function rootStage(stage: Stage): Stage {
  const path: Stage[] = [];
  let s = stage;
  let root = roots.get(s);
  while (root === undefined && s.parent) {
    path.push(s);
    s = s.parent;
    root = roots.get(s);
  }
  root ??= s;
  roots.set(s, root);
  for (const p of path) roots.set(p, root);
  return root;
}
