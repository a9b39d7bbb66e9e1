import type { RuleId } from "../edits.js";
import type { MigrationContext } from "../migrate/context.js";
import type { RunShell } from "../migrate/context-records.js";
import type { Instruction } from "../parse/types.js";
import { deletePipelines, deleteWords } from "../shell/plan.js";
import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { ShellSource } from "../shell/source.js";
import type { Word } from "../shell/tokens.js";
import { SpanCover } from "./span-cover.js";
import type { StageInfo } from "./stage-info.js";
import type { CopiedFile } from "./stage-walk.js";
import type { StringShell } from "./string-shell.js";
import type { WgetUse } from "./wget-use.js";

/** What one stage has shown so far, for rules that look across its instructions. */
export interface StageState {
  info: StageInfo;
  /** Command names the stage's RUN lines use (context for the package map). */
  commands: Set<string>;
  /** Debian package names installed in this stage. */
  debianInstalled: Set<string>;
  /** Alpine package names installed in this stage. */
  alpineInstalled: Set<string>;
  /** The subset installed for good (not only in a virtual package deleted again). */
  lasting: Set<string>;
  /**
   * Where an `apk add` was written, so a package (bash) can be appended to it. `temporary`: a
   * virtual package (`--virtual .build-deps`) that is deleted again, no place for a lasting tool;
   * `nested`: inside `if`/`case`/a loop, where it may not run.
   */
  /** `apk add` commands of the stage: `from` where the command starts, `at` where a name fits. */
  apkAdds: { rule: RuleId; from: number; at: number; temporary: boolean; nested: boolean }[];
  /** Packages for the `apk add` written right after FROM (buildpack-deps tools, GNU tools). */
  preamble: string[];
  /** The stage needs bash: reasons with offsets. */
  bashNeeds: { offset: number; reason: string }[];
  /** RUN instructions removed whole (nothing left to do): they call nothing any more. */
  removedRuns: Set<Instruction>;
  /** ENV/ARG values in the stage that may hold package lists. */
  values: Map<string, ValueSpan>;
  /** Value spans already mapped, so a list used twice is rewritten once. */
  mappedValues: Set<string>;
  /** Build-context files the stage copies in, as far as the caller let us read them. */
  copied: CopiedFile[];
  /** The stage runs dpkg-architecture or dpkg-buildflags (anywhere, `$(…)` included). */
  usesDpkgTools: boolean;
  /** The stage, or a stage built FROM it, compiles from source (make, configure, cmake, …). */
  buildsFromSource: boolean;
  /**
   * The stage (or a stage built FROM it) installs language packages that may compile native
   * extensions (pip, gem, bundle, pecl, npm, yarn, cargo): psutil and the like include linux/*.h.
   */
  compilesExtensions: boolean;
  /**
   * The stage was on a Debian rust image and runs cargo: the rust -alpine image builds for the
   * musl target, which links statically, so system libraries need their static archives.
   */
  staticRust: boolean;
  /**
   * The same for a cross build: the stage was on a Debian rust image and runs xx-cargo, which
   * builds for `<arch>-unknown-linux-musl` with rustup's targets (static too), linking the
   * libraries xx-apk installs for the target.
   */
  staticXxRust: boolean;
  /** RUN lines of stages built FROM this one that run under the SHELL this stage leaves set. */
  inheritedRuns: Instruction[];
  /** The stage is the final one or a base the final stage is built FROM: its files ship. */
  ships: boolean;
  /** Where the runtime-library scan became scanelf's (`so:` dependencies), if it did. */
  runtimeScanAt?: number;
  /** How the stage (and stages built FROM it) call wget. */
  wget: WgetUse;
  /** The stage installs gosu with apt (it becomes su-exec): every gosu call follows, wherever. */
  aptGosu?: boolean;
  /**
   * The stage (or a stage built FROM it) installs Perl modules from source (cpanm, cpan,
   * `perl Makefile.PL`); false on an image whose perl is its own (`perl`).
   */
  perlModules?: boolean;
  /** Packages added next to a Debian package's own (build-essential → linux-headers), by name. */
  companionsOf?: Map<string, string[]>;
  /** What runs the shell-form RUN lines at the instruction being migrated (moved on per instruction). */
  shell: RunShell;
  /** RUN lines whose debconf dash/sh answer became `ln -sf /bin/bash /bin/sh`. */
  shLinkedRuns: Set<Instruction>;
}

/** A variable's value inside some source: `[from, to)` in `src`'s script text. */
export interface ValueSpan {
  src: ShellSource;
  from: number;
  to: number;
}

interface CommandEdits {
  deleted: Map<Word, RuleId>;
  replaced: Map<Word, { text: string; rule: RuleId }>;
}

/** Reserved words that open a compound command: after `|` the script model reads them as names. */
const COMPOUND_WORDS = new Set(["while", "until", "if", "for", "case", "select", "{", "("]);

/** Collects the changes rules want in one shell script, then turns them into file edits. */
export class ScriptScope {
  readonly deleted = new Map<Pipeline, RuleId>();
  readonly replacedPipelines = new Map<Pipeline, { text: string; rule: RuleId }>();
  readonly commandEdits = new Map<SimpleCommand, CommandEdits>();
  /** Raw script-space edits (inside words, e.g. `$(dpkg --print-architecture)`). */
  readonly rawEdits: { start: number; end: number; text: string; rule: RuleId }[] = [];
  /** `apt-mark showmanual` seen: installs become `--virtual .build-deps`. */
  buildDeps = false;
  virtualCount = 0;
  readonly virtuals: string[] = [];
  /** Shell variables assigned earlier in the script (package lists). */
  readonly variables = new Map<string, Word>();
  /** Operands of remove/purge commands anywhere in the script. */
  readonly purgedLater = new Set<string>();
  /** Operands of temporary installs that mapped to nothing, so their purge goes too. */
  readonly droppedTemporary = new Set<string>();
  /** Literal names given to `apt-mark manual`: kept after a build-deps purge on Debian. */
  readonly markedManual = new Set<string>();
  /** Variables holding `dpkg --print-architecture | awk -F- …` that name a gosu release asset. */
  readonly gosuArchVars = new Set<string>();
  /** Of those, the ones without the awk step: Alpine's dpkg would name them musl-linux-amd64. */
  readonly gosuArchRaw = new Set<string>();
  /** Where the first of those is computed (script offset): an install after it comes too late. */
  gosuArchAt = Number.POSITIVE_INFINITY;
  /** dpkg went into this RUN's virtual package, so those variables keep Debian names. */
  dpkgKept = false;
  /** `sh -c '…'` strings whose script was converted in place (no "not converted" warning). */
  readonly convertedStrings = new Set<Word>();
  /** Where each converted string's edits sit in the context's list, by outer pipeline. */
  readonly nestedEdits: { pipeline: Pipeline; from: number; to: number; emptied: boolean }[] = [];

  constructor(
    readonly ctx: MigrationContext,
    readonly stage: StageState,
    readonly src: ShellSource,
    readonly instruction: Instruction,
    /** The quotes of the `sh -c` strings this script sits in, outermost first: what edits may write. */
    readonly quotes: readonly ("'" | '"')[] = [],
    /** The shell a `-c` string is handed to; undefined for the instruction's own script. */
    readonly runner?: StringShell,
    /** The script whose command substitution this is: it runs in that script's shell. */
    readonly within?: ScriptScope,
  ) {}

  /** Notes about a pipeline's programs, given only if the pipeline stays in the script. */
  private readonly pipelineNotes: { p: Pipeline; offset: number; rule: RuleId; message: string }[] =
    [];

  /** A warning about a step that another rule may still remove (then it is not given). */
  warnIfKept(p: Pipeline, rule: RuleId, scriptOffset: number, message: string): void {
    this.pipelineNotes.push({ p, offset: scriptOffset, rule, message });
  }

  warn(rule: RuleId, scriptOffset: number, message: string): void {
    this.ctx.warn(rule, this.src.span(scriptOffset, scriptOffset)[0], message);
  }

  fileOffset(scriptOffset: number): number {
    return this.src.span(scriptOffset, scriptOffset)[0];
  }

  /**
   * Deletes a pipeline; false (and a warning) when it runs into a compound command
   * (`apt-mark showmanual | while read p; do …; done`), whose body the script model keeps apart.
   */
  deletePipeline(p: Pipeline, rule: RuleId): boolean {
    if (!this.removable(p)) return false;
    if (!this.deleted.has(p)) this.deleted.set(p, rule);
    return true;
  }

  /** Replaces a whole pipeline, under the same condition as deletePipeline. */
  replacePipeline(p: Pipeline, text: string, rule: RuleId): boolean {
    if (!this.removable(p)) return false;
    this.replacedPipelines.set(p, { text, rule });
    return true;
  }

  /** The compound command a pipeline feeds, per pipeline: asked once for each of its commands. */
  private readonly compounds = new Map<Pipeline, string | undefined>();

  private removable(p: Pipeline): boolean {
    if (!this.compounds.has(p)) this.compounds.set(p, compoundFed(p));
    const compound = this.compounds.get(p);
    if (compound === undefined) return true;
    this.warn(
      "apt",
      p.start,
      `this pipeline feeds a compound command (| ${compound} …), which alpinize cannot remove safely: it is left as it is; remove or convert its Debian steps by hand`,
    );
    return false;
  }

  /** A view of a command behind a wrapper (`sudo apt-get`) → the command as parsed. */
  readonly views = new Map<SimpleCommand, SimpleCommand>();

  private editsOf(view: SimpleCommand): CommandEdits {
    const cmd = this.views.get(view) ?? view;
    let e = this.commandEdits.get(cmd);
    if (!e) {
      e = { deleted: new Map(), replaced: new Map() };
      this.commandEdits.set(cmd, e);
    }
    return e;
  }

  deleteWord(cmd: SimpleCommand, word: Word, rule: RuleId): void {
    this.editsOf(cmd).deleted.set(word, rule);
  }

  replaceWord(cmd: SimpleCommand, word: Word, text: string, rule: RuleId): void {
    if (word.raw === text) return;
    this.editsOf(cmd).replaced.set(word, { text, rule });
  }

  /** Writes everything collected into the file's edit list. Returns true if the RUN empties. */
  flush(): boolean {
    const { ctx, src } = this;
    const plan = deletePipelines(src, new Set(this.deleted.keys()));
    if (plan.emptied) return true;
    for (const n of this.pipelineNotes) {
      if (!this.deleted.has(n.p) && !this.replacedPipelines.has(n.p))
        this.warn(n.rule, n.offset, n.message);
    }
    const rules = [...this.deleted.values()];
    for (const e of plan.edits) ctx.edit(rules[0] ?? "apt", e.start, e.end, e.text);
    for (const item of src.script.items) {
      if (item.kind !== "pipeline" || this.deleted.has(item)) continue;
      const whole = this.replacedPipelines.get(item);
      if (whole) {
        const [s, e] = src.span(item.start, item.end);
        ctx.edit(whole.rule, s, e, whole.text);
        continue;
      }
      for (const cmd of item.commands) this.flushCommand(cmd);
    }
    // A word another rule deletes or rewrites whole takes the edits inside it along.
    const dropped = new SpanCover([
      this.deleted.keys(),
      this.replacedPipelines.keys(),
      ...[...this.commandEdits.values()].flatMap((e) => [e.deleted.keys(), e.replaced.keys()]),
    ]);
    for (const raw of this.rawEdits) {
      if (dropped.covers(raw.start, raw.end)) continue;
      const [s, e] = src.span(raw.start, raw.end);
      ctx.edit(raw.rule, s, e, raw.text);
    }
    return false;
  }

  private flushCommand(cmd: SimpleCommand): void {
    const e = this.commandEdits.get(cmd);
    if (!e) return;
    const words = [...cmd.assignments, ...cmd.args, ...cmd.redirects].sort(
      (a, b) => a.start - b.start,
    );
    const deleted = new Set(e.deleted.keys()) as Set<(typeof words)[number]>;
    const rule = [...e.deleted.values()][0] ?? "apt";
    for (const d of deleteWords(this.src, words, deleted))
      this.ctx.edit(rule, d.start, d.end, d.text);
    for (const [word, r] of e.replaced) {
      if (e.deleted.has(word)) continue;
      const [s, end] = this.src.span(word.start, word.end);
      this.ctx.edit(r.rule, s, end, r.text);
    }
  }
}

function compoundFed(p: Pipeline): string | undefined {
  if (p.feedsCompound) return "(";
  for (let i = 1; i < p.commands.length; i++) {
    const word = p.commands[i]?.args[0]?.raw ?? "";
    if (COMPOUND_WORDS.has(word)) return word;
  }
  return undefined;
}
