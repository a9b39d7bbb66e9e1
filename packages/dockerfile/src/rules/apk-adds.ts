import { applyEdits } from "../edits.js";
import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { ValueSpan } from "./scope.js";
import { SETUP_SCRIPT } from "./setup-scripts.js";

/** What makes a RUN fail on Alpine once it is converted: apt's files, keys and tools. */
const APT_SETUP = /\/etc\/apt\/|\/usr\/share\/keyrings\/|\bapt-key\b|\badd-apt-repository\b/;

/** `rm -f …`, `rm -rf …`: exits 0 whether or not the files are there. */
const FORCED_RM = /^(?:\S*\/)?rm(?:\s+-\S+)*?\s+(?:-[a-zA-Z]*f[a-zA-Z]*|--force)(?=\s)/;

const words = (text: string) => text.split(/[\s"'\\`]+/);

/** The output text of `[from, to)`: the edits made so far inside it applied. */
function outputText(ctx: MigrationContext, from: number, to: number): string {
  const inside = ctx.edits
    .filter((e) => e.start >= from && e.end <= to)
    .map((e) => ({ ...e, start: e.start - from, end: e.end - from }));
  return applyEdits(ctx.text.slice(from, to), inside);
}

/**
 * The words an `apk add` has in the output, its package names among them; a list variable of the
 * stage's ENV/ARG (`$PKGS`) stands for the words of its value.
 */
export function apkAddWords(
  ctx: MigrationContext,
  add: { from: number; at: number },
  values: ReadonlyMap<string, ValueSpan>,
): string[] {
  return words(outputText(ctx, add.from, add.at)).flatMap((w) => {
    const name = /^\$\{?(\w+)\}?$/.exec(w)?.[1];
    const value = name === undefined ? undefined : values.get(name);
    if (!value) return [w];
    const [start, end] = value.src.span(value.from, value.to);
    return words(outputText(ctx, start, end));
  });
}

/**
 * The RUN lines of `body` flagged as apt repository setup to delete (`apt-repos`: a third-party
 * repository, a vendor's setup script, apt configuration) whose setup is still in the output: on
 * Alpine they stop at /etc/apt or the vendor's script, so an `apk add` in them never runs, and
 * the user is told to delete them anyway. A step the rule removed itself does not count.
 */
export function failingRuns(ctx: MigrationContext, body: readonly Instruction[]): Set<Instruction> {
  const flagged = ctx.warnings.filter((w) => w.rule === "apt-repos").map((w) => w.offset);
  const out = new Set<Instruction>();
  if (flagged.length === 0) return out;
  // `rm -rf /etc/apt/sources.list.d/*` is flagged too, but removing what is not there succeeds.
  const fails = (o: number) => !FORCED_RM.test(ctx.text.slice(o, o + 40));
  for (const ins of body) {
    if (ins.keyword !== "RUN" || !flagged.some((o) => o >= ins.start && o < ins.end && fails(o)))
      continue;
    const text = outputText(ctx, ins.start, ins.end);
    if (APT_SETUP.test(text) || SETUP_SCRIPT.test(text)) out.add(ins);
  }
  return out;
}
