import { markChildShell } from "./child-shells.js";
import { endsOf, type KnownEnds, shiftedEnds, withKnownEnds } from "./known-ends.js";
import { type Pipeline, type Script, scriptOrUndefined } from "./script.js";
import { mappedSource, offsetSource, type Parent, type ShellSource, textSource } from "./source.js";
import { ShellSyntaxError, skipExpansion } from "./tokenize.js";
import type { Redirect } from "./tokens.js";

/** A command substitution a script runs in its own shell: `$( … )`, or a backquoted command. */
export interface Substitution {
  /** File offsets of the whole substitution, `$(` or the backquote included. */
  at: [number, number];
  backquoted: boolean;
  /** The text it runs, as its shell reads it (a backquoted one's escapes taken off). */
  text: string;
  /**
   * That text as a script whose offsets lead back to the file; undefined when it is not read
   * exactly: it does not parse, it sits in `${ }` or `$(( ))`, or a `<<-` body strips its tabs.
   */
  src?: ShellSource;
  /** The pipeline whose words (or here-document) hold it. */
  pipeline?: Pipeline;
}

/**
 * The command substitutions a script runs itself: in its words (command words, assignments,
 * redirections, `for`/`case` words, inside double quotes and `${ }` too) and in the bodies of its
 * here-documents that expand (an unquoted delimiter), the body in the script's text or, for a
 * RUN line, below it in the file. Not the ones nested in these: each one's `src` holds those.
 */
export function substitutionsOf(src: ShellSource): Substitution[] {
  const out: Substitution[] = [];
  // Where the `$( )`s of the script's text end, as found when it was read.
  const ends = endsOf(src.script);
  const word = (raw: string, start: number, pipeline?: Pipeline) => {
    if (raw.includes("$") || raw.includes("`"))
      collect(out, src, raw, start, "word", pipeline, shiftedEnds(ends, start));
  };
  // A RUN line's here-documents, in the order its `<<` redirections open them.
  const bodies = [...(src.heredocs ?? [])];
  for (const item of src.script.items) {
    if (item.kind === "header") for (const w of item.words) word(w.raw, w.start);
    if (item.kind === "pattern") for (const w of item.labels) word(w.raw, w.start);
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) {
      for (const w of [...cmd.assignments, ...cmd.args]) word(w.raw, w.start, item);
      for (const r of cmd.redirects) {
        word(r.raw, r.start, item);
        if (!/^\d*<<(?!<)/.test(r.raw)) continue;
        const doc = r.body ? undefined : bodies.shift();
        if (r.body) heredoc(out, src, r.body, tabsStripped(r), item, undefined, ends);
        else if (doc)
          heredoc(
            out,
            fileParent(src),
            { start: doc.bodyStart, end: doc.bodyEnd, expands: !doc.quoted },
            doc.stripTabs,
            item,
            src.file,
          );
      }
    }
  }
  return out;
}

// Per script, once: the stretches and probes of a script are read from those of its `$( )`s, each
// of which would otherwise parse its `$( )`s anew, so text nested n deep was read n² times or more.
const ownSubstitutions = new WeakMap<Script, readonly Substitution[]>();

/**
 * {@link substitutionsOf} a script read on its own ({@link textSource}), read once: the same
 * `src.script` objects each time, so what is kept per script for them is kept too.
 */
export function substitutionsInScript(script: Script): readonly Substitution[] {
  let subs = ownSubstitutions.get(script);
  if (!subs) {
    subs = substitutionsOf(textSource(script));
    ownSubstitutions.set(script, subs);
  }
  return subs;
}

const tabsStripped = (r: Redirect) => /^\d*<<-/.test(r.raw);

/** Offsets that are the file's own: a RUN line's here-document bodies sit in the file as they are. */
function fileParent(src: ShellSource): Parent {
  return { file: src.file, escapeChar: src.escapeChar, span: (a, b) => [a, b], direct: true };
}

function heredoc(
  out: Substitution[],
  parent: Parent,
  body: NonNullable<Redirect["body"]>,
  stripTabs: boolean,
  pipeline: Pipeline,
  text?: string,
  ends?: KnownEnds,
): void {
  if (!body.expands) return;
  const raw = (text ?? (parent as ShellSource).script.text).slice(body.start, body.end);
  if (!raw.includes("$") && !raw.includes("`")) return;
  const mode = stripTabs ? "stripped" : "heredoc";
  collect(out, parent, raw, body.start, mode, pipeline, shiftedEnds(ends, body.start));
}

/**
 * How the text around a substitution is read: a shell word (quotes count), a here-document body
 * (quotes are text; only `\` escapes), one whose lines lose their leading tabs (`<<-`).
 */
type Mode = "word" | "heredoc" | "stripped";

/** A substitution found in a text: `[start, end)` of it there. */
interface Found {
  start: number;
  end: number;
  backquoted: boolean;
  /** Inside double quotes or a here-document, where a backquoted command's `\"` is a quote. */
  double: boolean;
  exact: boolean;
}

function collect(
  out: Substitution[],
  parent: Parent,
  raw: string,
  base: number,
  mode: Mode,
  pipeline?: Pipeline,
  ends?: KnownEnds,
): void {
  const quotesAreText = mode !== "word";
  // The `${ }`s' ends are kept while the text is looked through: each level of `${x:-${y:-…}}` is
  // looked into on its own, and reading its end again read all the levels inside it (n²).
  const reading: KnownEnds = {
    ends: ends?.ends ?? new Map(),
    offset: ends?.offset ?? 0,
    braces: new Map(),
  };
  const found: Found[] = [];
  withKnownEnds(raw, reading, () => scan(found, raw, quotesAreText, 0, raw.length));
  for (const f of found) {
    const body = f.backquoted ? unescapeBackquoted(raw, f) : undefined;
    const text = body?.text ?? raw.slice(f.start + 2, f.end - 1);
    // A `<<-` body loses the tabs that start its lines, inside the substitution too: not read.
    const exact = f.exact && !(mode === "stripped" && text.includes("\n"));
    // It runs in a shell of its own: an `exit` there ends only that one.
    // Its text is the parent's as written (not a backquoted one's): the ends found there hold.
    const known = body ? undefined : shiftedEnds(ends, f.start + 2);
    const script = exact ? markChildShell(scriptOrUndefined(text, known)) : undefined;
    const sub: Substitution = {
      at: parent.span(base + f.start, base + f.end),
      backquoted: f.backquoted,
      text,
    };
    if (script && body)
      sub.src = mappedSource(
        parent,
        script,
        body.from.map((k) => base + k),
        body.to.map((k) => base + k),
        base + f.end - 1,
      );
    else if (script) sub.src = offsetSource(parent, script, base + f.start + 2);
    if (pipeline) sub.pipeline = pipeline;
    out.push(sub);
  }
}

/**
 * The substitutions written in `raw` from `from` to `to`, not those nested in them, added to
 * `out`. `quotesAreText`: a here-document body, where only `\` escapes. Those inside `${ }` and
 * `$(( ))` are not `exact`. The stretch is read where it sits, as if cut out: nothing past `to`.
 */
function scan(
  out: Found[],
  raw: string,
  quotesAreText: boolean,
  from: number,
  to: number,
  exact = true,
): void {
  let double = false;
  let i = from;
  while (i < to) {
    const c = raw[i]!;
    if (c === "\\") i += 2;
    else if (c === "'" && !double && !quotesAreText) {
      const close = raw.indexOf("'", i + 1);
      i = close < 0 || close >= to ? to : close + 1;
    } else if (c === '"' && !quotesAreText) {
      double = !double;
      i++;
    } else if (c === "`" || (c === "$" && at(raw, i + 1, to, "(", "{"))) {
      const end = expansionEnd(raw, i, to);
      if (end === undefined) return;
      if (c === "`" || !at(raw, i + 2, to, "(")) {
        if (c === "$" && raw[i + 1] === "{") scan(out, raw, quotesAreText, i + 2, end - 1, false);
        else {
          // dash and busybox ash read a here-document as double-quoted text (bash does not).
          const inDouble = double || quotesAreText;
          out.push({ start: i, end, backquoted: c === "`", double: inDouble, exact });
        }
      } else {
        // `$(( ))`: arithmetic, whose text may hold a substitution of its own.
        scan(out, raw, quotesAreText, i + 3, end - 2, false);
      }
      i = end;
    } else i++;
  }
}

/** Whether the character at `i`, before `to`, is one of `chars`. */
function at(raw: string, i: number, to: number, ...chars: string[]): boolean {
  return i < to && chars.includes(raw[i]!);
}

/** The end of the expansion at `start`, undefined when it does not end by `to`. */
function expansionEnd(raw: string, start: number, to: number): number | undefined {
  try {
    const end = skipExpansion(raw, start);
    return end <= to ? end : undefined;
  } catch (err) {
    if (err instanceof ShellSyntaxError) return undefined;
    throw err;
  }
}

/** A backquoted command's text, with where each character of it is written in `raw`. */
interface Body {
  text: string;
  from: number[];
  to: number[];
}

/**
 * A backquoted command: the shell takes the backslash off `\\`, `` \` `` and `\$` (and `\"`
 * inside double quotes) before it reads the text as a script.
 */
function unescapeBackquoted(raw: string, f: Found): Body {
  const escaped = f.double ? '\\`$"' : "\\`$";
  const body: Body = { text: "", from: [], to: [] };
  for (let k = f.start + 1; k < f.end - 1; k++) {
    const strip = raw[k] === "\\" && escaped.includes(raw[k + 1] ?? " ");
    body.text += strip ? raw[k + 1] : raw[k];
    body.from.push(k);
    body.to.push(strip ? k + 2 : k + 1);
    if (strip) k++;
  }
  return body;
}
