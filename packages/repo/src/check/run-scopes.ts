import {
  markChildShell,
  parseScript,
  probedProgram,
  type Scope,
  type Script,
  type Span,
  type StretchProbe,
  spansAround,
} from "@alpinize/dockerfile";
import type { NestedAt, ShellCommand } from "../dockerfile/commands.js";
import type { RunStep } from "../dockerfile/stages.js";

/** Where a command of a RUN runs, as migrate's debianToolsLeft reads it (ScopedWorlds). */
export interface CommandScope {
  /** The conditional stretches (`if`, `case`, loop, function, after `||`) it is in, outermost first. */
  scope: Scope;
  /** The probe that decides its innermost stretch (`command -v useradd || apk add shadow`). */
  probed?: StretchProbe;
}

interface Part {
  start: number;
  script: Script | undefined;
}

// Each shell text of a RUN parsed once: every command of the RUN asks.
const parsed = new WeakMap<RunStep, Part[]>();
const strings = new Map<string, Script | undefined>();

/**
 * The stretches a command of `run` sits in: those around it in the RUN's text, then those in each
 * `sh -c '…'`/`eval` string it is in (which it carries in `within`; their spans are numbered
 * inside the offset of the command that runs the string, so they are told apart and ordered). A
 * text sh cannot read has none, as `runsWhenReached` reads it.
 */
export function commandScope(run: RunStep, cmd: ShellCommand): CommandScope {
  const parts = partsOf(run);
  const part = parts[run.scripts.findLastIndex((p) => p.start <= cmd.offset)];
  const out: CommandScope = { scope: [] };
  if (!part?.script) return out;
  const scope: Span[] = [];
  // A here-document's commands are in the stretches of the command that runs it (`if …; then sh <<EOF`).
  const fed = run.heredocRuns?.find((h) => h.start <= cmd.offset && cmd.offset < h.end);
  const line = parts[0]?.script;
  if (fed && line && part !== parts[0]) scope.push(...place(line, fed.at, out));
  const own = place(part.script, cmd.offset - part.start, out);
  scope.push(...own.map(([s, e]): Span => [s + part.start, e + part.start]));
  let base = cmd.offset;
  let width = 1;
  for (const level of cmd.within ?? []) {
    const script = stringScript(level);
    if (!script) break;
    const unit = width / (script.text.length + 2);
    const at = (offset: number) => base + unit * (offset + 1);
    for (const [s, e] of place(script, level.at, out)) scope.push([at(s), at(e)]);
    base = at(level.at);
    width = unit;
  }
  return out.probed === undefined ? { scope } : { scope, probed: out.probed };
}

/** The spans of `script` around `at`; the probe of the innermost one, where there is one. */
function place(script: Script, at: number, out: CommandScope): Span[] {
  const spans = spansAround(script, at);
  if (spans.length > 0) {
    const probed = probedProgram(script, at);
    if (probed === undefined) delete out.probed;
    else out.probed = probed;
  }
  return spans;
}

function partsOf(run: RunStep): Part[] {
  let parts = parsed.get(run);
  if (!parts) {
    // Here-documents fed to sh run in a shell of their own (an `exit 1` there ends only that).
    const fed = (run.heredocRuns?.length ?? 0) > 0;
    parts = run.scripts.map(({ start, text }, k) => {
      const script = parseOrUndefined(text);
      return { start, script: k > 0 && fed ? markChildShell(script) : script };
    });
    parsed.set(run, parts);
  }
  return parts;
}

function stringScript({ text }: NestedAt): Script | undefined {
  if (strings.has(text)) return strings.get(text);
  // An `sh -c`/`eval` string: `sh -c` runs it in a shell of its own.
  const script = markChildShell(parseOrUndefined(text));
  // Bounded: a Dockerfile has few strings, a long check run many files.
  if (strings.size > 1000) strings.clear();
  strings.set(text, script);
  return script;
}

function parseOrUndefined(text: string): Script | undefined {
  try {
    return parseScript(text);
  } catch {
    return undefined;
  }
}
