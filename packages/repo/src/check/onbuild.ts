import { scanCommands } from "../dockerfile/commands.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { singleQuoted } from "../dockerfile/words.js";

/**
 * `ONBUILD RUN …` runs in every image built FROM this stage, so on Alpine too: its commands are
 * checked like the stage's own RUNs, reported on the ONBUILD line.
 */
export function onbuildRuns(stage: StageInfo): RunStep[] {
  const runs: RunStep[] = [];
  for (const ins of stage.body) {
    if (ins.keyword !== "ONBUILD") continue;
    const m = /^\s*RUN\s+([\s\S]*)$/i.exec(ins.args.text);
    if (!m) continue;
    const flags = /^(?:\s*--\S+)*/.exec(m[1]!)?.[0] ?? "";
    const body = m[1]!.slice(flags.length);
    const script = execForm(body) ?? body;
    const commands = scanCommands(script);
    runs.push({
      line: ins.line,
      endLine: ins.endLine,
      flags: flags.trim(),
      text: body,
      commands,
      commandLines: commands.map(() => ins.line),
      scripts: [{ start: 0, text: script }],
    });
  }
  return runs;
}

/** `["apt-get", "install", "x"]` as a shell line with each word quoted; undefined if not JSON. */
function execForm(body: string): string | undefined {
  if (!body.trim().startsWith("[")) return undefined;
  try {
    const words: unknown = JSON.parse(body);
    if (!Array.isArray(words) || !words.every((w) => typeof w === "string")) return undefined;
    return words.map(singleQuoted).join(" ");
  } catch {
    return undefined;
  }
}
