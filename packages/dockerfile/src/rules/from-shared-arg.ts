import { globalArgMap, resolveReference } from "../global-args.js";
import type { MigrationContext } from "../migrate/context.js";
import type { ArgDefault, Stage, StageModel } from "../stages.js";
import { wholeVariable } from "../stages.js";
import { type SegmentEdit, segmentEdits, variableInName } from "./from-segments.js";
import { decideImage } from "./images.js";

/** A global ARG several FROM lines read, and the one change of its default they all need. */
export interface SharedArg {
  arg: ArgDefault;
  /** The edits inside the ARG's default, as `start:end:text` keys. */
  edits: ReadonlySet<string>;
  /** How many FROM lines read it. */
  readers: number;
}

export type SharedArgs = ReadonlyMap<ArgDefault, SharedArg>;

const planned = new WeakMap<MigrationContext, SharedArgs>();

/** The shared ARGs `planSharedArgs` found for this file (none before it ran). */
export function sharedArgsOf(ctx: MigrationContext): SharedArgs {
  return planned.get(ctx) ?? new Map();
}

const key = (e: { start: number; end: number; text: string }) => `${e.start}:${e.end}:${e.text}`;

/** Whether `edit` falls in a shared ARG whose change every FROM reading it agrees on. */
export function agreedEdit(shared: SharedArgs, edit: SegmentEdit): boolean {
  const arg = edit.segment.arg;
  return arg !== undefined && shared.get(arg)?.edits.has(key(edit)) === true;
}

/**
 * `ARG IMG=debian` read by `FROM ${IMG}:bookworm` and `FROM ${IMG}:bookworm-slim`: when every
 * FROM that reads the ARG (and no other line) resolves to an image that moves to the same Alpine
 * one, the ARG's default can change once for all of them (`alpine`), each FROM's tag in place.
 * A `FROM ${IMG}` reading it too is written out instead and does not count.
 * Such ARGs, by ARG; one read by a RUN, ENV, LABEL or another ARG, or by a FROM that would need
 * another image (or none), is not among them.
 */
export function planSharedArgs(ctx: MigrationContext, model: StageModel): SharedArgs {
  const plans = new Map<ArgDefault, SharedArg>();
  // Indexed once per file: a file of thousands of stages, each on its own ARG, asks for each.
  const readers = new Map<string, Stage[]>();
  // A `FROM ${IMG}` beside them gets its image written out (from.ts), so it does not count.
  const whole = new Set<string>();
  for (const stage of model.stages) {
    if (stage.parent) continue;
    const variable = wholeVariable(stage.image);
    if (variable !== undefined) {
      whole.add(variable);
      continue;
    }
    for (const name of new Set(names(stage.from.args.text))) {
      const list = readers.get(name);
      if (list) list.push(stage);
      else readers.set(name, [stage]);
    }
  }
  const elsewhere = readOutsideFrom(ctx, model);
  for (const arg of globalArgMap(model.globalArgs).values()) {
    const from = readers.get(arg.name) ?? [];
    const alone = from.length < 2 && !(from.length === 1 && whole.has(arg.name));
    if (alone || elsewhere.has(arg.name)) continue;
    const agreed = agreedEdits(ctx, model, arg, from);
    if (agreed) plans.set(arg, { arg, edits: agreed, readers: from.length });
  }
  planned.set(ctx, plans);
  return plans;
}

/** The edits every reader makes in the ARG's default, when they are the same and not none. */
function agreedEdits(
  ctx: MigrationContext,
  model: StageModel,
  arg: ArgDefault,
  readers: readonly Stage[],
): Set<string> | undefined {
  let agreed: string | undefined;
  for (const stage of readers) {
    const image = stage.image;
    // The variable must sit in the image name only: the whole-ARG path and tag ARGs decide alone.
    const inFrom = names(stage.from.args.text).filter((n) => n === arg.name).length;
    if (inFrom !== names(image).filter((n) => n === arg.name).length) return undefined;
    if (!variableInName(image)) return undefined;
    const resolved = resolveReference(image, stage.imageStart, model.globalArgs);
    if (!resolved) return undefined;
    const d = decideImage(resolved.text, ctx.release);
    if (d.family !== "converted" || d.after === undefined) return undefined;
    const edits = segmentEdits(resolved, d.after);
    if (!edits || edits.some((e) => e.segment.arg !== undefined && e.segment.arg !== arg))
      return undefined;
    const mine = edits
      .filter((e) => e.segment.arg === arg)
      .map(key)
      .join("\n");
    if (agreed !== undefined && agreed !== mine) return undefined;
    agreed = mine;
  }
  return agreed ? new Set(agreed.split("\n")) : undefined;
}

/**
 * The variables lines other than the FROMs read: another global ARG's default, or any
 * instruction of a stage (a RUN, ENV or LABEL using it, an `ARG IMG` that brings it into the
 * stage, where a RUN's scripts may read it).
 */
function readOutsideFrom(ctx: MigrationContext, model: StageModel): Set<string> {
  const out = new Set<string>();
  for (const ins of new Set(model.globalArgs.map((a) => a.instruction)))
    for (const n of names(ins.args.text)) out.add(n);
  for (const stage of model.stages)
    for (const ins of stage.body) {
      for (const n of names(ctx.text.slice(ins.start, ins.end))) out.add(n);
      if (ins.keyword !== "ARG") continue;
      for (const m of ins.args.text.matchAll(/(?:^|\s)([A-Za-z_]\w*)(?==|\s|$)/g)) out.add(m[1]!);
    }
  return out;
}

/** The variables `$X`/`${X…}` a text uses. */
function names(text: string): string[] {
  return [...text.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1]!);
}
