import { formatBytes } from "@alpinize/errors";
import { readDirectives } from "./directives.js";
import { DockerfileSyntaxError, TooManyInstructionsError } from "./errors.js";
import { findHeredocOpeners } from "./heredoc.js";
import { continuationAt, isBlank, isCommentLine, type SourceLine, splitLines } from "./lines.js";
import type {
  Comment,
  Directive,
  Heredoc,
  Instruction,
  LogicalText,
  ParsedDockerfile,
} from "./types.js";

const KEYWORD = /^[ \t]*([A-Za-z]+)(?=[ \t]|$)/;
const HEREDOC_KEYWORDS = new Set(["RUN", "COPY", "ADD"]);
const INSTRUCTIONS = new Set([
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
]);
const EXEC_KEYWORDS = new Set(["RUN", "CMD", "ENTRYPOINT", "SHELL"]);
/** Past this size a file is almost certainly not a Dockerfile; bound the work on untrusted input. */
export const MAX_DOCKERFILE_BYTES = 4 * 1024 * 1024;
/**
 * The most instructions alpinize reads in one Dockerfile. What check and migrate keep per
 * instruction, not the bytes, ran a 512 MiB heap out: 262,130 one-line RUNs of echo (4 MiB)
 * made check abort (V8, exit 134); 100,000 passed (0.39 GB peak RSS) but 100,000 one-package
 * `RUN apt-get install` lines took migrate to 0.67 GB, so half that, for margin. Still far above
 * any real Dockerfile. Package names over many RUNs cost more than this bounds (README).
 */
export const MAX_INSTRUCTIONS = 50_000;

export interface ParseOptions {
  fileName?: string;
}

/** Parses a Dockerfile keeping exact source offsets for every instruction, comment and directive. */
export function parseDockerfile(text: string, options: ParseOptions = {}): ParsedDockerfile {
  const fileName = options.fileName ?? "Dockerfile";
  if (text.length > MAX_DOCKERFILE_BYTES) {
    throw new DockerfileSyntaxError(
      1,
      `file is larger than ${formatBytes(MAX_DOCKERFILE_BYTES)}`,
      fileName,
    );
  }
  return parseBounded(text, fileName, MAX_INSTRUCTIONS);
}

/**
 * For migrate's self-check of its own output only: the size limit bounds untrusted input, and
 * the output is already bounded by it (each edit rewrites a span of the bounded input into a
 * constant factor of its length, plus fixed-size lines per stage), so blaming the input for
 * the output's size would be wrong.
 */
export function parseWithoutSizeLimit(text: string, fileName: string): ParsedDockerfile {
  return parseBounded(text, fileName, Number.POSITIVE_INFINITY);
}

/** Parses, refusing at the instruction past `maxInstructions`: before keeping any more of them. */
function parseBounded(text: string, fileName: string, maxInstructions: number): ParsedDockerfile {
  if (text.includes("\u0000")) {
    throw new DockerfileSyntaxError(
      1,
      "file contains NUL bytes (binary, not a Dockerfile)",
      fileName,
    );
  }
  const lines = splitLines(text);
  const directives: Directive[] = [];
  let i = readDirectives(text, lines, directives, fileName);
  const escapeDirective = directives.find((d) => d.name === "escape");
  const escapeChar = escapeDirective?.value === "`" ? "`" : "\\";
  if (escapeDirective && escapeDirective.value !== "`" && escapeDirective.value !== "\\") {
    throw new DockerfileSyntaxError(
      escapeDirective.line,
      `invalid escape directive "${escapeDirective.value}" (use \\ or \`)`,
      fileName,
    );
  }
  const comments: Comment[] = [];
  const instructions: Instruction[] = [];
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(text, line)) {
      i++;
      continue;
    }
    if (isCommentLine(text, line)) {
      comments.push({
        text: text.slice(line.start, line.end),
        start: line.start,
        end: line.end,
        line: i + 1,
      });
      i++;
      continue;
    }
    if (instructions.length >= maxInstructions) {
      throw new TooManyInstructionsError(i + 1, maxInstructions, fileName);
    }
    const parsed = readInstruction(text, lines, i, escapeChar, fileName);
    instructions.push(parsed.instruction);
    i = parsed.nextLine;
  }
  return {
    text,
    escape: escapeChar,
    eol: text.includes("\r\n") ? "\r\n" : "\n",
    directives,
    comments,
    instructions,
    lineStarts: lines.map((l) => l.start),
  };
}

function readInstruction(
  text: string,
  lines: SourceLine[],
  first: number,
  escapeChar: string,
  fileName: string,
): { instruction: Instruction; nextLine: number } {
  const line = lines[first]!;
  const m = KEYWORD.exec(text.slice(line.start, line.end));
  if (!m?.[1]) {
    const shown = text.slice(line.start, Math.min(line.end, line.start + 40));
    throw new DockerfileSyntaxError(
      first + 1,
      `expected an instruction (FROM, RUN, ...) but found "${shown}"`,
      fileName,
    );
  }
  const keyword = m[1].toUpperCase();
  if (!INSTRUCTIONS.has(keyword)) {
    throw new DockerfileSyntaxError(
      first + 1,
      `unknown instruction "${m[1]}" (a continuation line missing its \\, or a typo?)`,
      fileName,
    );
  }
  const keywordStart = line.start + m[0].length - m[1].length;
  let argStart = keywordStart + m[1].length;
  while (argStart < line.end && (text[argStart] === " " || text[argStart] === "\t")) argStart++;
  const logical = readLogical(text, lines, first, argStart, escapeChar);
  const args = logical.args;
  let i = logical.next;
  let lastEnd = args.end;
  const heredocs: Heredoc[] = [];
  if (HEREDOC_KEYWORDS.has(keyword)) {
    for (const opener of findHeredocOpeners(args.text)) {
      const bodyStartLine = i;
      let j = i;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        let body = text.slice(l.start, l.end);
        if (opener.stripTabs) body = body.replace(/^\t+/, "");
        if (body === opener.delimiter) break;
      }
      if (j >= lines.length) {
        throw new DockerfileSyntaxError(
          first + 1,
          `heredoc <<${opener.delimiter} is never closed (add a line "${opener.delimiter}")`,
          fileName,
        );
      }
      const bodyStart = lines[bodyStartLine]?.start ?? text.length;
      heredocs.push({
        delimiter: opener.delimiter,
        stripTabs: opener.stripTabs,
        quoted: opener.quoted,
        bodyStart,
        bodyEnd: Math.max(bodyStart, lines[j]!.start),
      });
      lastEnd = lines[j]!.end;
      i = j + 1;
    }
  }
  const instruction: Instruction = {
    keyword,
    start: keywordStart,
    end: lastEnd,
    line: first + 1,
    endLine: i,
    args,
    heredocs,
    form: EXEC_KEYWORDS.has(keyword) && isExecForm(args.text) ? "exec" : "shell",
  };
  const fromImage = args.text.slice(splitFlags(args.text).rest).trim();
  if (keyword === "FROM" && (fromImage === "" || /^as(?:\s|$)/i.test(fromImage))) {
    throw new DockerfileSyntaxError(
      first + 1,
      "FROM names no image (write FROM <image>[:tag] [AS <name>])",
      fileName,
    );
  }
  const words = fromImage.split(/\s+/);
  // A stage name starts with a letter (BuildKit refuses `AS 1bad`).
  const badName = words.length === 3 && !/^[A-Za-z$][\w.${}-]*$/.test(words[2]!);
  if (
    keyword === "FROM" &&
    (words.length === 2 ||
      words.length > 3 ||
      (words.length === 3 && !/^as$/i.test(words[1]!)) ||
      badName)
  ) {
    throw new DockerfileSyntaxError(
      first + 1,
      `FROM takes an image and optionally AS <name>, not "${fromImage.slice(0, 80)}"`,
      fileName,
    );
  }
  return { instruction, nextLine: i };
}

/**
 * The logical text of an instruction's arguments from `from` on line `first`: its continuation
 * lines joined, blank and comment lines between them skipped; `next` is the line after it. One
 * slice per line and a typed map (4 bytes a character): a string and an array slot per character
 * made a 4 MiB RUN hold some 100 MiB while it was read.
 */
function readLogical(
  text: string,
  lines: readonly SourceLine[],
  first: number,
  from: number,
  escapeChar: string,
): { args: LogicalText; next: number } {
  const spans: number[] = [];
  let length = 0;
  let i = first;
  let end = lines[first]!.end;
  for (let start = from; ; ) {
    const current = lines[i]!;
    const cont = continuationAt(text, current, start, escapeChar);
    const stop = cont === -1 ? current.end : cont;
    if (stop > start) {
      spans.push(start, stop);
      length += stop - start;
    }
    end = current.end;
    i++;
    if (cont === -1) break;
    while (i < lines.length && (isBlank(text, lines[i]!) || isCommentLine(text, lines[i]!))) i++;
    if (i >= lines.length) break;
    start = lines[i]!.start;
  }
  const map = new Uint32Array(length);
  const parts: string[] = [];
  for (let s = 0, k = 0; s < spans.length; s += 2) {
    parts.push(text.slice(spans[s], spans[s + 1]));
    for (let o = spans[s]!; o < spans[s + 1]!; o++) map[k++] = o;
  }
  return { args: { text: parts.join(""), map, end }, next: i };
}

/** JSON array form after any leading `--flag` words (`RUN --mount=... ["a","b"]`). */
function isExecForm(args: string): boolean {
  const rest = args.replace(/^(?:\s*--[^\s]+)*\s*/, "");
  if (!rest.startsWith("[")) return false;
  try {
    const value: unknown = JSON.parse(rest.trimEnd());
    return Array.isArray(value) && value.every((v) => typeof v === "string");
  } catch {
    return false;
  }
}

/** Strips leading `--flag[=value]` words and returns them with the offset where the rest starts. */
export function splitFlags(args: string): { flags: Map<string, string>; rest: number } {
  const flags = new Map<string, string>();
  const re = /\s*--([A-Za-z][A-Za-z0-9-]*)(?:=(\S*))?/y;
  let pos = 0;
  for (;;) {
    re.lastIndex = pos;
    const m = re.exec(args);
    if (!m) break;
    flags.set(m[1]!.toLowerCase(), m[2] ?? "");
    pos = re.lastIndex;
  }
  while (pos < args.length && /\s/.test(args[pos]!)) pos++;
  return { flags, rest: pos };
}
