import { splitFlags } from "../parse/dockerfile.js";
import type { ParsedDockerfile } from "../parse/types.js";
import { heredocSource, isHeredocScript, runSource, type ShellSource } from "../shell/source.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import type { Stage } from "../stages.js";
import { failureCaught } from "./failure-caught.js";
import { type SetupCommand, setupScriptAdvice, setupScriptRuns } from "./setup-scripts.js";

/** A vendor's setup script an Alpine stage still runs: what it is, and where its run starts. */
export interface SetupLeft {
  /** `a vendor's apt repository setup script`, `Docker's convenience script (get.docker.com)`. */
  what: string;
  /** Why it fails on Alpine, and what to do instead (setupScriptAdvice). */
  why: string;
  instead: string;
  offset: number;
}

/**
 * The vendor setup scripts (nodesource's setup_20.x, get.docker.com …) the RUN lines of the
 * stages on Alpine still fetch and run (`curl URL | bash -`, `curl -o F URL && sh F`): each runs
 * apt-get (or stops on Alpine), so the RUN fails there as one running apt-get would, and rule 11
 * keeps the step for the user to replace. A run whose failure a `||` catches fails no build.
 * Read from the Dockerfile as written (migrate's output), as `alpinize check` reads it.
 */
export function setupScriptsLeftIn(
  doc: ParsedDockerfile,
  stages: readonly Stage[],
  onAlpine: (stage: Stage) => boolean,
): SetupLeft[] {
  const out: SetupLeft[] = [];
  for (const stage of stages) {
    if (!onAlpine(stage)) continue;
    for (const ins of stage.body) {
      if (ins.keyword !== "RUN" || ins.form === "exec") continue;
      for (const src of sourcesOf(doc, ins)) out.push(...runsIn(src));
    }
  }
  return out;
}

function sourcesOf(doc: ParsedDockerfile, ins: Stage["body"][number]): ShellSource[] {
  const { rest } = splitFlags(ins.args.text);
  const command = ins.args.text.slice(rest);
  try {
    return ins.heredocs.length > 0 && isHeredocScript(command)
      ? ins.heredocs.map((h) => heredocSource(doc.text, h, doc.escape))
      : [runSource(doc.text, ins, rest, doc.escape)];
  } catch (err) {
    // Text sh cannot read is judged by the Debian tools rule's word search instead.
    if (err instanceof ShellSyntaxError) return [];
    throw err;
  }
}

function runsIn(src: ShellSource): SetupLeft[] {
  const caught = failureCaught(src.script.items);
  const placed = src.script.items.flatMap((item) =>
    item.kind !== "pipeline" ? [] : item.commands.map((c, i) => ({ item, c, piped: i > 0 })),
  );
  const words: SetupCommand[] = placed.map(({ c, piped }) => ({
    name: c.name ?? c.args[0]?.raw ?? "",
    args: c.args.slice(1).map((a) => a.value ?? a.raw),
    piped,
  }));
  return setupScriptRuns(words).flatMap((run) => {
    const { item, c } = placed[run.run]!;
    if (caught.has(item) || caught.has(c)) return [];
    const { what, why, instead } = setupScriptAdvice(run.url);
    return [{ what, why, instead, offset: src.span(c.start, c.start)[0] }];
  });
}
