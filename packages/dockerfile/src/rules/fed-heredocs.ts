import type { Heredoc } from "../parse/types.js";
import { parseScript, type SimpleCommand } from "../shell/script.js";
import { heredocSource, offsetSource, type ShellSource } from "../shell/source.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import type { Redirect } from "../shell/tokens.js";
import { unwrapped } from "./gnu-calls.js";

/** A here-document a shell reads as its script (`sh <<EOF`, `cat <<EOF | bash`). */
export interface FedHeredoc {
  /** The body as a script; undefined when sh cannot read it. */
  src?: ShellSource;
  /** The body as written. */
  text: string;
  /** File offset of character `k` of `text`. */
  fileAt(k: number): number;
  /** Script offset (in the script that holds it) of the command it is fed to. */
  at: number;
}

const SHELLS = new Set(["sh", "bash", "ash", "dash"]);
const base = (name: string | undefined) => name?.replace(/^.*\//, "") ?? "";

/**
 * The here-documents of a script that a shell runs as its script: one given to a shell reading
 * its standard input (`sh <<EOF`, `sudo bash -s -- x <<'EOF'`, `sh -eux <<EOF`), or `cat`'s piped
 * into one (`cat <<EOF | sh`). Not one written to a file (`cat <<EOF > x.sh`) or read as data.
 * The body is in the script's text (a heredoc body or `-c` string holds it) or, for a RUN line,
 * below the line in the file (`src.heredocs`, in the order the `<<` open them).
 */
export function fedHeredocs(src: ShellSource): FedHeredoc[] {
  const out: FedHeredoc[] = [];
  const below = [...(src.heredocs ?? [])];
  for (const item of src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const [k, cmd] of item.commands.entries()) {
      for (const r of cmd.redirects) {
        if (!/^\d*<<(?!<)/.test(r.raw)) continue;
        const doc = r.body ? undefined : below.shift();
        if (!/^0?<</.test(r.raw)) continue;
        const next = item.commands[k + 1];
        const piped = base(cmd.name) === "cat" && cmd.args.length === 1 && next !== undefined;
        if (!readsStdinScript(cmd) && !(piped && readsStdinScript(next))) continue;
        const body = bodyOf(src, r, doc);
        if (body) out.push({ ...body, at: cmd.start });
      }
    }
  }
  return out;
}

function bodyOf(
  src: ShellSource,
  r: Redirect,
  doc: Heredoc | undefined,
): Omit<FedHeredoc, "at"> | undefined {
  if (r.body) {
    const { start, end } = r.body;
    const text = src.script.text.slice(start, end);
    return {
      text,
      fileAt: (k) => src.span(start + k, start + k + 1)[0],
      ...parsed(() => offsetSource(src, parseScript(text), start)),
    };
  }
  if (!doc) return undefined;
  return {
    text: src.file.slice(doc.bodyStart, doc.bodyEnd),
    fileAt: (k) => doc.bodyStart + k,
    ...parsed(() => heredocSource(src.file, doc, src.escapeChar)),
  };
}

function parsed(make: () => ShellSource): { src?: ShellSource } {
  try {
    return { src: make() };
  } catch (err) {
    if (err instanceof ShellSyntaxError) return {};
    throw err;
  }
}

/**
 * A shell that reads its script from its standard input: no `-c` string and no script file
 * operand (`sh`, `bash -e`, `sh -s -- args`, `sh -`), behind wrappers too (`sudo -u app sh`).
 */
export function readsStdinScript(cmd: SimpleCommand): boolean {
  const view = unwrapped(cmd) ?? cmd;
  if (!SHELLS.has(base(view.name))) return false;
  let stdin = false;
  for (let i = 1; i < view.args.length; i++) {
    const v = view.args[i]!.value;
    if (v === undefined) return stdin;
    if (v === "-o" || v === "+o") i++;
    else if (v === "-") return true;
    // `sh -- FILE` runs FILE; after -s, the words are the script's arguments.
    else if (v === "--") return stdin || i === view.args.length - 1;
    else if (/^--[a-z-]+$/.test(v)) continue;
    else if (/^[-+][A-Za-z]+$/.test(v)) {
      if (v.startsWith("-") && v.includes("c")) return false;
      stdin ||= v.includes("s");
    } else return stdin;
  }
  return true;
}
