import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { parseScript, type SimpleCommand, simpleCommands } from "../shell/script.js";

/** Scripts bigger than this are not scanned for commands (bounded work on untrusted input). */
const MAX_SCRIPT = 1024 * 1024;

export interface CopiedFile {
  source: string;
  content: string;
  instruction: Instruction;
}

/** Build-context files a stage COPYs/ADDs (not `--from`), read through `readContextFile`. */
export function copiedFiles(ctx: MigrationContext, body: Instruction[]): CopiedFile[] {
  const read = ctx.readContextFile;
  if (!read) return [];
  const out: CopiedFile[] = [];
  for (const ins of body) {
    if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
    const { flags, rest } = splitFlags(ins.args.text);
    if (flags.has("from") || ins.heredocs.length > 0) continue;
    const words = splitWords(ins.args.text.slice(rest)).map((w) =>
      w.text.replace(/^["']|["']$/g, ""),
    );
    for (const source of words.slice(0, -1)) {
      if (/[*?$]|^https?:|^\[/.test(source)) continue;
      const content = read(source);
      if (content !== undefined) out.push({ source, content, instruction: ins });
    }
  }
  return out;
}

/**
 * Command names run by COPYed shell scripts (an entrypoint calling envsubst), so the package map
 * can pick the smallest package that provides them.
 */
export function scriptCommands(files: CopiedFile[]): Set<string> {
  const names = new Set<string>();
  for (const f of files) {
    for (const c of shellCommands(f) ?? []) {
      if (c.name && /^[\w.+-]+$/.test(c.name.replace(/^.*\//, "")))
        names.add(c.name.replace(/^.*\//, ""));
    }
  }
  return names;
}

/** The commands of a copied shell script (by its shebang), or undefined if it is none or unreadable. */
export function shellCommands(f: CopiedFile): SimpleCommand[] | undefined {
  if (f.content.length > MAX_SCRIPT || !/^#!\s*\S*(?:\/|\s)(?:ba|da|a)?sh\b/.test(f.content))
    return undefined;
  try {
    return simpleCommands(parseScript(f.content));
  } catch {
    return undefined;
  }
}
