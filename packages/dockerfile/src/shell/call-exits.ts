import { endsShell, type ShellEnd } from "./list-control.js";
import { functionName, type Item, type Script, scriptOrUndefined } from "./script.js";

/** A function's body: the items of `script` after its `{` (`from`) up to its `}` (`to`). */
export interface FunctionBody {
  script: Script;
  from: number;
  to: number;
}

/**
 * How deep calls and `eval`s inside calls are followed (`f` calls `g`, which evals …): a bound on
 * the reader's own stack. The work is bounded by CALL_BUDGET and the memo of each body's answer.
 */
const MAX_DEPTH = 64;

/**
 * How many items the bodies of one script's calls may be read through in all: a body is read
 * again after each definition (`big; g() { :; }; big; g() { :; }; …` reads `big` per call), so
 * a RUN built for it would take the square of its length. Past it, a call of a known function
 * or an `eval` reads as one that may end the shell (a false error, never a pass).
 */
export const CALL_BUDGET = 1_000_000;

/**
 * The functions a script has defined so far, by name (a later definition replaces an earlier
 * one, as in sh), and how a call of one ends the shell that runs it: an `exit` in its body ends
 * the caller's shell (`f() { exit 0; }; f; apk add shadow` never adds), a `return` only the
 * function. So does an `exit` in an `eval` string, which runs in the shell that reads it.
 */
export class ShellFunctions {
  private readonly bodies = new Map<string, FunctionBody>();
  /** Bumped by each definition: a body's answer may change once a function it calls is defined. */
  private version = 0;
  /**
   * Per body, its answer at `version`: `whole` when no recursion, depth bound or budget cut its
   * reading short, so it holds at any depth; else only for a call read from the top (depth 0).
   */
  private readonly known = new Map<
    FunctionBody,
    { version: number; end: ShellEnd | undefined; whole: boolean }
  >();
  /** Items read through so far, against `budget`. */
  private steps = 0;
  /** Readings cut short so far (a recursion, the depth bound, the budget): a body's answer read
   * while this grew depends on where it was read from. */
  private cuts = 0;

  constructor(private readonly budget = CALL_BUDGET) {}

  define(name: string, body: FunctionBody): void {
    this.bodies.set(name, body);
    this.version++;
  }

  /**
   * How the lone command at `script.items[k]` ends its shell through what it runs there: a
   * call of a function defined before it whose body exits (or calls one that does), or an
   * `eval` of plain words that exit. Undefined when it goes on, or when what it runs is not
   * known (a function not defined before, `eval "$CMD"`): read as any other command.
   */
  endsShell(script: Script, k: number, inFunction: boolean): ShellEnd | undefined {
    return this.callEnds(script, k, inFunction, 0, new Set());
  }

  private callEnds(
    script: Script,
    k: number,
    inFunction: boolean,
    depth: number,
    seen: Set<FunctionBody>,
  ): ShellEnd | undefined {
    const it = script.items[k];
    if (it?.kind !== "pipeline" || it.commands.length !== 1) return undefined;
    const args = it.commands[0]!.args;
    const name = args[0]?.value;
    if (name === undefined || background(script.items, k)) return undefined;
    if (depth > MAX_DEPTH) return this.cut(undefined);
    // `eval` is a special built-in: sh finds it before any function of that name.
    if (name === "eval") return this.evalEnds(args.slice(1), inFunction, depth, seen);
    const body = this.bodies.get(name);
    if (!body || definesFunction(script.items, k)) return undefined;
    // A function's answer holds until a definition: read once, not once per call path
    // (`f2() { f1; f1; }; f3() { f2; f2; }; …` doubles the calls at each level).
    const memo = this.known.get(body);
    if (memo?.version === this.version && (memo.whole || depth === 0)) return memo.end;
    if (seen.has(body)) return this.cut(undefined);
    const cutsBefore = this.cuts;
    seen.add(body);
    const end = this.bodyEnds(body.script, body.from, body.to, true, depth + 1, seen);
    seen.delete(body);
    const whole = this.cuts === cutsBefore;
    if (whole || depth === 0) this.known.set(body, { version: this.version, end, whole });
    return end;
  }

  /** A reading cut short, with the answer it gives. */
  private cut<T>(end: T): T {
    this.cuts++;
    return end;
  }

  /** `eval WORDS`: the words joined by blanks are a script the same shell runs. */
  private evalEnds(
    words: readonly { value: string | undefined }[],
    inFunction: boolean,
    depth: number,
    seen: Set<FunctionBody>,
  ): ShellEnd | undefined {
    if (words.length === 0 || words.some((w) => w.value === undefined)) return undefined;
    const script = scriptOrUndefined(words.map((w) => w.value).join(" "));
    if (!script) return undefined;
    return this.bodyEnds(script, 0, script.items.length, inFunction, depth + 1, seen);
  }

  /**
   * Whether items `from`..`to` of `script` may end the shell running them: a command that exits
   * outside a `( )` subshell, a pipeline or a function defined there. `"may"` when any may end
   * well (a later `exit` may not be reached; reading it as ending the shell fails closed).
   */
  private bodyEnds(
    script: Script,
    from: number,
    to: number,
    inFunction: boolean,
    depth: number,
    seen: Set<FunctionBody>,
  ): ShellEnd | undefined {
    let found: ShellEnd | undefined;
    // Each open `(` or `{`: whether what it holds runs elsewhere (a subshell, a function body).
    const opened: boolean[] = [];
    let apart = 0;
    for (let k = from; k < to; k++) {
      if (++this.steps > this.budget) return this.cut("may");
      const it = script.items[k]!;
      if (it.kind === "keyword") {
        if (it.word === "(" || it.word === "{") {
          const away = it.word === "(" || functionName(script.items, k) !== undefined;
          opened.push(away);
          if (away) apart++;
        } else if ((it.word === ")" || it.word === "}") && opened.pop()) apart--;
        continue;
      }
      if (apart > 0 || it.kind !== "pipeline") continue;
      const end =
        endsShell(script.items, k, inFunction) ?? this.callEnds(script, k, inFunction, depth, seen);
      if (end === "may") return end;
      found ??= end;
    }
    return found;
  }
}

/** The pipeline at `k` runs in the background (`f &`): in a shell of its own. */
function background(items: readonly Item[], k: number): boolean {
  const next = items[k + 1];
  return next?.kind === "op" && next.op === "&";
}

/** The pipeline at `k` is the name of a definition (`f() {`), not a call. */
function definesFunction(items: readonly Item[], k: number): boolean {
  const [open, close] = [items[k + 1], items[k + 2]];
  return (
    open?.kind === "keyword" && open.word === "(" && close?.kind === "keyword" && close.word === ")"
  );
}
