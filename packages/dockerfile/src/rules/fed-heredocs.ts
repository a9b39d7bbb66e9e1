import { splitFlags } from "../parse/dockerfile.js";
import type { Heredoc, Instruction } from "../parse/types.js";
import { markChildShell } from "../shell/child-shells.js";
import { type Pipeline, parseScript, type SimpleCommand, simpleCommands } from "../shell/script.js";
import {
  heredocSource,
  isHeredocScript,
  offsetSource,
  runSource,
  type ShellSource,
} from "../shell/source.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import type { Redirect } from "../shell/tokens.js";
import type { DockerfileText } from "./exec-source.js";
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
 * into one (`cat <<EOF | sh`, `tee /x <<EOF | sh`), or written to a file that a later command of the
 * script runs (`cat <<EOF > /s.sh && sh /s.sh`). Not one only written to a file or read as data.
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
        const at = runAt(src, item, k);
        const body = at === undefined ? undefined : bodyOf(src, r, doc);
        if (body) out.push({ ...body, at: at! });
      }
    }
  }
  return out;
}

/**
 * Where the heredoc of `item.commands[k]` runs as a script: at the shell reading it
 * (`sh <<EOF`), the shell `cat`/`tee` pipe it to (`tee /x <<EOF | sh`), or a later command of
 * the script that runs the file `cat`/`tee` wrote it to (`cat <<EOF > /s.sh && sh /s.sh`,
 * `. /s.sh`, `/s.sh`). Undefined when it is data.
 */
function runAt(src: ShellSource, item: Pipeline, k: number): number | undefined {
  const cmd = item.commands[k]!;
  if (readsStdinScript(cmd)) return cmd.start;
  const name = base(cmd.name);
  if (name !== "cat" && name !== "tee") return undefined;
  const next = item.commands[k + 1];
  if (next && (name === "tee" || cmd.args.length === 1))
    return readsStdinScript(next) ? next.start : undefined;
  const files = writtenFiles(cmd);
  if (files.length === 0) return undefined;
  for (const later of simpleCommands(src.script))
    if (later.start > cmd.start && files.some((f) => runsFile(later, f))) return later.start;
  return undefined;
}

/** The files `cat <<EOF > F` or `tee F… <<EOF` writes, as written (no variable). */
function writtenFiles(cmd: SimpleCommand): string[] {
  const out = cmd.redirects
    .map((r) => /^1?>>?\|?\s*(.+)$/.exec(r.raw)?.[1])
    .filter((f): f is string => f !== undefined);
  if (base(cmd.name) === "tee") out.push(...cmd.args.slice(1).map((w) => w.value ?? "-"));
  return out.filter((f) => /^[\w./-]+$/.test(f) && f !== "-" && !f.startsWith("/dev/"));
}

/** A command that runs `file` as a script: `sh FILE`, `bash -e FILE`, `. FILE`, `FILE`. */
function runsFile(cmd: SimpleCommand, file: string): boolean {
  const view = unwrapped(cmd) ?? cmd;
  const name = view.name;
  if (name === file) return true;
  const operand = view.args.slice(1).find((w) => !/^[-+]/.test(w.value ?? ""))?.value;
  if (name === "." || name === "source") return operand === file;
  return SHELLS.has(base(name)) && !readsStdinScript(view) && operand === file;
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

/** A fed body's script, which sh runs in a shell of its own (an `exit 1` there ends only that). */
function parsed(make: () => ShellSource): { src?: ShellSource } {
  try {
    const src = make();
    markChildShell(src.script);
    return { src };
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

/** A here-document of a RUN that runs as a script, and the file offset of the command that runs it. */
export interface RunHeredoc {
  heredoc: Heredoc;
  at: number;
}

/**
 * The here-documents of a shell-form RUN that run as scripts: all of them for `RUN <<EOF` (the
 * RUN's script), else those fed to a shell or written to a file it runs (`fedHeredocs`). A RUN sh
 * cannot read keeps them all, each at its body: its text may run. `alpinize check` reads these as
 * commands, and the rest as data, as migrate --check does.
 */
export function runHeredocs(file: DockerfileText, ins: Instruction): RunHeredoc[] {
  const all = () => ins.heredocs.map((heredoc) => ({ heredoc, at: heredoc.bodyStart }));
  if (ins.form === "exec" || ins.heredocs.length === 0) return [];
  const { rest } = splitFlags(ins.args.text);
  if (isHeredocScript(ins.args.text.slice(rest))) return all();
  let src: ShellSource;
  try {
    src = runSource(file.text, ins, rest, file.doc.escape);
  } catch (err) {
    if (err instanceof ShellSyntaxError) return all();
    throw err;
  }
  const out: RunHeredoc[] = [];
  for (const fed of fedHeredocs(src)) {
    const heredoc = ins.heredocs.find((h) => h.bodyStart === fed.fileAt(0));
    if (heredoc) out.push({ heredoc, at: src.span(fed.at, fed.at + 1)[0] });
  }
  return out;
}
