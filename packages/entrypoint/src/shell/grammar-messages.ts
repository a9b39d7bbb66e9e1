import { CLOSERS, type Frame, type Problem } from "./grammar-rules.js";
import { lineColumn } from "./text.js";

const OPENED_BY = new Map<string, string>([
  ["}", '"{"'],
  [")", '"("'],
  ["then", '"if"'],
  ["elif", '"if"'],
  ["else", '"if"'],
  ["fi", '"if"'],
  ["do", '"while", "until" or "for"'],
  ["done", '"while", "until" or "for"'],
  ["esac", '"case"'],
]);

/** What closes or continues the frame in its current part. */
function expected(frame: Frame): string {
  switch (frame.kind) {
    case "{":
      return '"}"';
    case "(":
      return '")"';
    case "if":
      if (frame.phase === "then") return '"fi", "elif" or "else"';
      return frame.phase === "else" ? '"fi"' : '"then"';
    case "while":
    case "for":
      return frame.phase === "body" ? '"done"' : '"do"';
    case "case":
      return '";;" or "esac"';
    default:
      return "nothing";
  }
}

function line(text: string, at: number): number {
  return lineColumn(text, at).line;
}

/** A closing word (or `)`) that does not fit the innermost open command. */
export function closerProblem(text: string, w: string, at: number, stack: Frame[]): Problem {
  if (w === "in") {
    return {
      offset: at,
      message: '"in" where a command should start: it belongs only after "for NAME" or "case WORD"',
      hint: "quote it to run a command named in, or fix the for/case line before it",
      atEnd: false,
    };
  }
  const top = stack[stack.length - 1]!;
  const kinds = w === ")" ? ["("] : (CLOSERS.get(w)?.kinds ?? []);
  const owner = [...stack].reverse().find((f) => kinds.includes(f.kind));
  if (!owner) {
    return {
      offset: at,
      message: `"${w}" without a matching ${OPENED_BY.get(w)}`,
      hint: `remove it, or add the ${OPENED_BY.get(w)} it closes; check the script with sh -n`,
      atEnd: false,
    };
  }
  if (owner !== top) {
    return {
      offset: at,
      message: `"${w}" while the "${top.word}" on line ${line(text, top.at)} is still open`,
      hint: `close the "${top.word}" with ${expected(top)} first`,
      atEnd: false,
    };
  }
  return {
    offset: at,
    message: `"${w}" out of place in the "${top.word}" on line ${line(text, top.at)}: ${expected(top)} comes next`,
    hint: `write ${expected(top)} there; check the script with sh -n`,
    atEnd: false,
  };
}

/** A part of a compound command (condition, body, group) with no command in it. */
export function emptyListProblem(frame: Frame, w: string, at: number): Problem {
  const from = frame.phaseWord ?? frame.word;
  return {
    offset: at,
    message: `no command between "${from}" and "${w}": sh needs at least one there`,
    hint: 'put a command there (":" does nothing)',
    atEnd: false,
  };
}

/** A compound command still open at the end of the text. */
export function unclosedProblem(frame: Frame): Problem {
  const closer =
    frame.kind === "case"
      ? '"esac"'
      : frame.kind === "if"
        ? '"fi"'
        : frame.kind === "while" || frame.kind === "for"
          ? '"done"'
          : expected(frame);
  return {
    offset: frame.at,
    message: `"${frame.word}" opened here is never closed with ${closer}`,
    hint: `add the missing ${closer}`,
    atEnd: true,
  };
}

/** A message and a hint. */
export type Text = readonly [message: string, hint: string];

const FUNCTION_HINT = 'a function is name() { commands; }; to pass "(" as text, quote it';
const CASE_HINT = "write case WORD in PATTERN) commands;; esac, each pattern and its ) on one line";
const ARRAY_HINT = "quote it to make it an element";
const PAREN_HINT = 'quote or escape it ("(" or \\() to pass it as text';

/** The wording of every other error the grammar finds. */
export const TEXT = {
  afterCompound: (w: string): Text => [
    `"${w}" right after the end of a compound command`,
    "put ; or a newline before it",
  ],
  functionParen: (w: string, name: string): Text => [
    `"${w}" where ")" must follow "${name}("`,
    FUNCTION_HINT,
  ],
  functionBody: (name: string): Text => [
    `"${name}()" is no function definition sh takes: dash wants a name of letters, digits and _, bash a { ...; } body`,
    FUNCTION_HINT,
  ],
  bangBody: (): Text => ['"!" cannot start a function body', FUNCTION_HINT],
  forWord: (w: string, want: string, loop: string): Text => [
    `"${w}" where ${want} must come in the "${loop}" loop`,
    "write for NAME in WORDS; do ...; done",
  ],
  caseIn: (w: string): Text => [`"${w}" where "in" must follow the word of the case`, CASE_HINT],
  pattern: (w: string): Text => [
    `"${w}" inside a case pattern, where ")" or "|" must come`,
    'quote a pattern with spaces: "a b")',
  ],
  owed: (w: string, op: string): Text => [
    `"${w}" where a command must come after "${op}"`,
    `add the command that follows "${op}"`,
  ],
  owedAtEnd: (op: string): Text => [
    `"${op}" at the end with no command after it`,
    `add the command that follows "${op}", or remove it`,
  ],
  bangAfterPipe: (): Text => [
    '"!" right after "|": it may only start a pipeline',
    "put the ! before the whole pipeline: ! a | b",
  ],
  noCommandBefore: (op: string): Text => [
    `"${op}" with no command before it`,
    `remove the "${op}", or put a command before it`,
  ],
  inArray: (what: string): Text => [`${what} inside a bash array ( ... )`, ARRAY_HINT],
  noTarget: (): Text => [
    "a redirection with no file or here-document word after it",
    "name the target, e.g. >/dev/null",
  ],
  redirectSlot: (): Text => [
    "a redirection where the grammar expects a word",
    "move the redirection to the end of the command",
  ],
  parenAfterWord: (): Text => [
    '"(" right after a word: only a function definition name() may have one',
    PAREN_HINT,
  ],
  parenOutOfPlace: (): Text => ['"(" is out of place here', PAREN_HINT],
  lineEnds: (slot: "for" | "function" | "case"): Text => [
    "a line ends in the middle of a command",
    slot === "for"
      ? "write for NAME in WORDS; do ...; done, with NAME on the for line"
      : slot === "function"
        ? FUNCTION_HINT
        : CASE_HINT,
  ],
  caseBreak: (op: string, inCase: boolean): Text =>
    inCase
      ? [`"${op}" out of place in a case`, '";;" ends a case branch: PATTERN) commands ;;']
      : [`"${op}" outside a case`, 'use ";" between commands; ";;" only ends a case branch'],
  endsInCommand: (): Text => [
    "the text ends in the middle of a command",
    "check the script with sh -n",
  ],
};
