import type { MigrationContext } from "../migrate/context.js";
import type { DebianToolLeft } from "../migrate/types.js";
import { splitFlags } from "../parse/dockerfile.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction, ParsedDockerfile } from "../parse/types.js";
import { scriptOrUndefined, simpleCommands } from "../shell/script.js";
import { isHeredocScript } from "../shell/source.js";
import type { Stage } from "../stages.js";
import { alpineProviders, failsOnAlpine } from "./debian-tools.js";
import { callsOf } from "./gnu-calls.js";
import { type ToolUse, toolsInRun } from "./tools-in-run.js";

/** `apk add` options that take a value, which is no package name. */
const VALUE_OPTIONS = /^(?:--virtual|-t|--repository|-X|--arch|--root|-p|--cache-dir|--keys-dir)$/;

/**
 * The Debian tools the RUN lines of the stages on Alpine run (`toolsInRun`) that fail there: all
 * but dpkg's and shadow's programs where their Alpine package is installed with apk (`apk add
 * dpkg` for the architecture name, `shadow` for useradd): for good in the stage or one it is
 * built FROM, or in a virtual package (`--virtual .build-deps`) of the same RUN, which deletes it
 * again. Read from a Dockerfile as written: migrate's output, as `--check` and the corpus
 * scoreboard judge it.
 */
export function debianToolsLeftIn(
  doc: ParsedDockerfile,
  stages: readonly Stage[],
  onAlpine: (stage: Stage) => boolean,
): ToolUse[] {
  const file = { text: doc.text, doc };
  const values = fileValues(doc);
  const lasting = new Map<Stage, Set<string>>();
  const out: ToolUse[] = [];
  for (const stage of stages) {
    if (!onAlpine(stage)) continue;
    for (const ins of stage.body) {
      if (ins.keyword !== "RUN") continue;
      const tools = toolsInRun(file, ins);
      if (tools.length === 0) continue;
      const installed = new Set([
        ...lastingInstalls(doc.text, stage, values, lasting),
        ...apkAdds(doc.text, ins, values).temporary,
      ]);
      out.push(...tools.filter((t) => failsOnAlpine(t.tool, installed)));
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/**
 * A warning at each Debian tool left that no rule warned at on its line (one that names it):
 * `--check` fails on it, so the user is told where and why.
 */
export function warnToolsLeft(ctx: MigrationContext, left: readonly DebianToolLeft[]): void {
  if (left.length === 0) return;
  // By line, once: a file can leave thousands of tools and have thousands of warnings.
  const byLine = new Map<number, string[]>();
  for (const w of ctx.warnings) {
    const line = ctx.line(w.offset);
    const said = byLine.get(line);
    if (said) said.push(w.message);
    else byLine.set(line, [w.message]);
  }
  for (const t of left) {
    if (byLine.get(t.line)?.some((m) => m.includes(t.tool))) continue;
    const providers = alpineProviders(t.tool);
    const fix =
      providers.length > 0
        ? `install ${providers.join(" or ")} for good with apk add in this stage (not only in a virtual package another RUN deleted), or rewrite the step for Alpine`
        : "rewrite the step for Alpine by hand";
    ctx.warn(
      "apt",
      t.offset,
      `${t.tool} is a Debian tool this Alpine stage has not installed, so this RUN fails here: ${fix}; migrate --check fails until then`,
    );
  }
}

/**
 * What the stage and the stages it is built FROM install for good (no virtual package),
 * wherever in them: a tool called before its install is not told apart.
 */
function lastingInstalls(
  text: string,
  stage: Stage,
  values: Map<string, string>,
  memo: Map<Stage, Set<string>>,
): Set<string> {
  const known = memo.get(stage);
  if (known) return known;
  const out = new Set(stage.parent ? lastingInstalls(text, stage.parent, values, memo) : []);
  for (const ins of stage.body) {
    if (ins.keyword !== "RUN") continue;
    for (const name of apkAdds(text, ins, values).lasting) out.add(name);
  }
  memo.set(stage, out);
  return out;
}

/**
 * The packages the `apk add` calls of a RUN name, lasting and in virtual packages; a `$LIST`
 * word is read from an ENV/ARG of the file or an assignment in a RUN (which `values` keeps).
 */
function apkAdds(
  text: string,
  ins: Instruction,
  values: Map<string, string>,
): { lasting: string[]; temporary: string[] } {
  const out = { lasting: [] as string[], temporary: [] as string[] };
  if (ins.form !== "shell") return out;
  for (const body of runTexts(text, ins)) {
    const script = scriptOrUndefined(body);
    if (!script) continue;
    for (const cmd of simpleCommands(script)) {
      for (const a of cmd.assignments) {
        const eq = a.raw.indexOf("=");
        if (a.value !== undefined) values.set(a.raw.slice(0, eq), a.value.slice(eq + 1));
      }
      for (const call of callsOf(cmd)) {
        const [tool, sub, ...rest] = call.args;
        if (!/^(?:xx-)?apk$/.test(tool?.value ?? "") || sub?.value !== "add") continue;
        const words = rest.map((w) => w.value ?? w.raw);
        const names: string[] = [];
        let virtual = false;
        for (let k = 0; k < words.length; k++) {
          const w = words[k]!;
          if (w === "--virtual" || w === "-t") virtual = true;
          if (VALUE_OPTIONS.test(w)) k++;
          else if (!w.startsWith("-")) names.push(...expand(w, values));
        }
        (virtual ? out.temporary : out.lasting).push(...names);
      }
    }
  }
  return out;
}

/** The scripts of a shell-form RUN: its heredoc bodies for `RUN <<EOF`, else its command. */
function runTexts(text: string, ins: Instruction): string[] {
  const command = ins.args.text.slice(splitFlags(ins.args.text).rest);
  if (ins.heredocs.length > 0 && isHeredocScript(command))
    return ins.heredocs.map((h) => text.slice(h.bodyStart, h.bodyEnd));
  return [command];
}

function expand(word: string, values: ReadonlyMap<string, string>): string[] {
  const variable = /^"?\$\{?([A-Za-z_]\w*)\}?"?$/.exec(word)?.[1];
  const names = variable === undefined ? [word] : (values.get(variable) ?? "").split(/\s+/);
  return names.map((n) => n.replace(/[=<>~].*$/, "")).filter(Boolean);
}

/** ENV and ARG values of the file, by name (the last one written wins). */
function fileValues(doc: ParsedDockerfile): Map<string, string> {
  const values = new Map<string, string>();
  for (const ins of doc.instructions) {
    if (ins.keyword !== "ENV" && ins.keyword !== "ARG") continue;
    const words = splitWords(ins.args.text);
    const first = words[0];
    if (!first) continue;
    if (ins.keyword === "ENV" && !first.text.includes("=")) {
      values.set(
        first.text,
        ins.args.text
          .slice(first.end)
          .replace(/\\\s*\n/g, " ")
          .trim(),
      );
      continue;
    }
    for (const w of words) {
      const eq = w.text.indexOf("=");
      if (eq > 0)
        values.set(w.text.slice(0, eq), w.text.slice(eq + 1).replace(/^(["'])(.*)\1$/s, "$2"));
    }
  }
  return values;
}
