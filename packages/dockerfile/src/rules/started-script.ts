import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import { runSource, type ShellSource } from "../shell/source.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import { type DockerfileText, execRunSource } from "./exec-source.js";
import { execWords } from "./exec-words.js";
import { unwrapStarter } from "./started-commands.js";

/** The script an instruction starts, and the shell an exec form hands it to. */
export interface StartedScript {
  src: ShellSource;
  /** `sh` or `dash` for an exec form's `-c` string; undefined for a shell form (SHELL runs it). */
  program?: "sh" | "dash";
}

/**
 * The script a RUN, CMD, ENTRYPOINT or `HEALTHCHECK CMD` hands a shell: its shell form, or its
 * exec form's `sh -c` / `dash -c` string, past an init or privilege starter for what a container
 * starts (`["tini", "--", "sh", "-c", …]`), its offsets leading back to the file through the JSON
 * escapes. Undefined when it hands no such shell a script, or one that does not parse. migrate
 * rewrites the echo calls in these; check reports the ones left.
 */
export function startedScript(file: DockerfileText, ins: Instruction): StartedScript | undefined {
  try {
    return readStarted(file, ins);
  } catch (err) {
    if (err instanceof ShellSyntaxError) return undefined;
    throw err;
  }
}

function readStarted(file: DockerfileText, ins: Instruction): StartedScript | undefined {
  if (!/^(?:RUN|CMD|ENTRYPOINT|HEALTHCHECK)$/.test(ins.keyword)) return undefined;
  const at = commandOffset(ins);
  if (at === undefined) return undefined;
  if (!isExec(ins, at)) return { src: runSource(file.text, ins, at, file.doc.escape) };
  const words = execWords(ins.args.text.slice(at))?.map((w) => w.value) ?? [];
  // `["tini", "--", "sh", "-c", …]`: an init or privilege wrapper starts the shell.
  const skip = ins.keyword === "RUN" ? 0 : words.length - unwrapStarter(words).length;
  const program = words[skip]?.replace(/^.*\//, "");
  if (program !== "sh" && program !== "dash") return undefined;
  const src = execRunSource(file, ins, at, skip);
  return src ? { src, program } : undefined;
}

/** Where the command starts in the argument text: past flags, and past `CMD` for HEALTHCHECK. */
function commandOffset(ins: Instruction): number | undefined {
  const { rest } = splitFlags(ins.args.text);
  if (ins.keyword !== "HEALTHCHECK") return rest;
  const cmd = /^CMD\s+/i.exec(ins.args.text.slice(rest));
  return cmd ? rest + cmd[0].length : undefined;
}

function isExec(ins: Instruction, at: number): boolean {
  if (ins.keyword !== "HEALTHCHECK") return ins.form === "exec";
  return execWords(ins.args.text.slice(at)) !== undefined;
}
