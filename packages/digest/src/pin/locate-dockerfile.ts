import {
  analyzeStages,
  DockerfileSyntaxError,
  type Instruction,
  lineFinder,
  listImageReferences,
  parseDockerfile,
} from "@alpinize/dockerfile";
import {
  COPY_VARIABLE_REASON,
  copyFromVariableWarning,
  type Followed,
  GlobalArgs,
  StageArgs,
  wholeVariable,
} from "./follow-arg.js";
import type { LocatedReference } from "./located.js";

/**
 * FROM images, `COPY --from=<image>`, and the global ARG defaults a `FROM ${X}` or
 * `COPY --from=${X}` uses, in file order. An ARG that several of them use is listed once; each
 * `COPY --from=${X}` line it comes from also gets a `warning` entry (Docker refuses the line).
 */
export function locateInDockerfile(text: string): LocatedReference[] {
  const doc = parseDockerfile(text);
  assertFrom(doc.instructions);
  const lineOf = lineFinder(doc.lineStarts);
  const { globalArgs, stages } = analyzeStages(doc);
  // Every stage name, earlier or later, in lower case (Docker reads them in any case): looked up
  // once per COPY instead of going through the stages for each.
  const names = new Set(
    stages.flatMap((s) => (s.alias === undefined ? [] : [s.alias.toLowerCase()])),
  );
  const args = new GlobalArgs(globalArgs, names, lineOf);
  const out: LocatedReference[] = listImageReferences(text).map((r) => {
    if (r.kind === "arg") args.claim(r.start);
    return {
      reference: r.reference,
      start: r.start,
      end: r.end,
      line: r.line,
      where: r.kind === "arg" ? `ARG ${r.argName}` : "FROM",
    };
  });
  // The parser leaves out FROM images that still hold variables (beyond `${X}` with a plain ARG
  // default, which it lists as the ARG); list them too, so pinning skips them with a warning
  // instead of `--check` passing them in silence.
  for (const stage of stages) {
    if (stage.parent || !stage.image.includes("$")) continue;
    const at = {
      reference: stage.image,
      start: stage.imageStart,
      end: stage.imageEnd,
      line: lineOf(stage.imageStart),
      where: "FROM",
    };
    const name = wholeVariable(stage.image);
    if (name === undefined) out.push(at);
    else push(out, args, at, args.follow(name, "FROM"));
  }
  const local = new StageArgs();
  for (const ins of doc.instructions) {
    local.see(ins);
    if (ins.keyword !== "COPY") continue;
    const from = copyFrom(ins, names);
    if (!from) continue;
    const at = { ...from, line: lineOf(from.start) };
    const name = from.skip === undefined ? wholeVariable(from.reference) : undefined;
    if (name === undefined) {
      out.push(at);
      continue;
    }
    const followed = args.follow(name, "COPY --from", local.get(name));
    push(out, args, at, followed);
    if (followed.kind === "skip") continue;
    const arg = followed.kind === "arg" ? { line: lineOf(followed.arg.start) } : undefined;
    out.push({ ...at, warning: copyFromVariableWarning(from.reference, name, names, arg) });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Adds what a whole `${X}` comes to: its ARG default (once), a skip with the reason, or nothing. */
function push(
  out: LocatedReference[],
  args: GlobalArgs,
  at: LocatedReference,
  followed: Followed,
): void {
  if (followed.kind === "skip") out.push({ ...at, skip: followed.reason });
  if (followed.kind !== "arg") return;
  const arg = args.locate(followed.arg);
  if (arg) out.push(arg);
}

/**
 * The image a `COPY --from=` names; undefined for a stage (by name, in any case, or by index),
 * `scratch` or no `--from`. A value split over lines or quoted is a skip, and so is one built
 * from variables other than a whole `${X}` (which the caller follows to its ARG).
 */
function copyFrom(
  ins: Instruction,
  stageNames: ReadonlySet<string>,
): Omit<LocatedReference, "line"> | undefined {
  const { text, map } = ins.args;
  const flag = fromFlag(text);
  if (!flag) return undefined;
  const { value } = flag;
  const lower = value.toLowerCase();
  if (stageNames.has(lower) || /^\d+$/.test(value) || lower === "scratch") return undefined;
  const from = flag.end - value.length;
  const start = map[from]!;
  const end = map[from + value.length - 1]! + 1;
  const at = { reference: value, start, end, where: "COPY --from" };
  if (end - start !== value.length) {
    return { ...at, end: start, skip: "the --from value is split over lines; write it on one" };
  }
  if (/["']/.test(value)) return { ...at, skip: "a quoted --from value; write it without quotes" };
  if (value.includes("$") && wholeVariable(value) === undefined) {
    return { ...at, skip: COPY_VARIABLE_REASON };
  }
  return at;
}

const FLAG = /--[A-Za-z-]+(?:=\S*)?(?=\s|$)/y;
const FROM = /--from=(\S+)/y;

/**
 * The value of `--from=` among the options that start COPY's arguments, each a word of its own
 * (`--chown=a:b --from=build /src /dst`), and where it ends. An expression that let an option's
 * name or value hold the next option (`(\s*--[A-Za-z-]+(?:=\S*)?)*?`) tried every split of them:
 * exponential on a line of many. Here each option is a whole word, as Docker reads it.
 */
export function fromFlag(text: string): { value: string; end: number } | undefined {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
    FROM.lastIndex = at;
    const from = FROM.exec(text);
    if (from) return { value: from[1] as string, end: at + from[0].length };
    FLAG.lastIndex = at;
    if (!FLAG.test(text)) return undefined;
    at = FLAG.lastIndex;
  }
}

/**
 * docker build refuses a file with no FROM, or with an instruction before the first FROM (ARG
 * aside), as migrate and check do: an empty or mistaken file would otherwise pass `--check`
 * with nothing found in it.
 */
function assertFrom(instructions: readonly Instruction[]): void {
  const first = instructions.find((i) => i.keyword !== "ARG");
  if (first === undefined)
    throw new DockerfileSyntaxError(1, "no FROM instruction: this is not a Dockerfile");
  if (first.keyword !== "FROM")
    throw new DockerfileSyntaxError(
      first.line,
      `${first.keyword} before the first FROM (only ARG may come before it), which docker build refuses`,
    );
}
