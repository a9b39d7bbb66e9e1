import type { MigrationContext } from "../migrate/context.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { mayNotRun } from "../shell/conditional-spans.js";
import { type Script, type SimpleCommand, simpleCommands } from "../shell/script.js";
import { substitutionsOf } from "../shell/substitutions.js";
import { hasBashism } from "./bashisms.js";
import { startedFromParents } from "./context-files.js";
import { callsOf } from "./gnu-calls.js";
import { followsWithin } from "./in-order.js";
import { withNestedSources } from "./nested.js";
import { apkRunLine, liveApkAdds } from "./place.js";
import { runScripts } from "./run-scripts.js";
import type { StageState } from "./scope.js";
import { SETUP_SCRIPT, setupScriptRuns } from "./setup-scripts.js";
import type { CopiedFile } from "./stage-walk.js";

/** `-s /bin/bash`, `--shell=/usr/bin/bash`: a bash login shell given to adduser or su. */
const BASH_SHELL_OPTION = /(?:\s-s|--shell)[\s=]+["']?(?:\/usr)?\/bin\/bash\b/;

const BASH_BIN = shellBin("bash");

/**
 * The scripts of a RUN an `apk add` may be in: its own, its `sh -c` strings, and the `$( )`s of
 * these (`x=$(apk add shadow)` installs as busybox runs it), which are `inWord`.
 */
function apkSources(ctx: MigrationContext, ins: Instruction) {
  return runScripts(ctx, ins)
    .flatMap((s) => withNestedSources(s))
    .flatMap((src) => [
      { src, inWord: false },
      ...substitutionsOf(src).flatMap((sub) => (sub.src ? [{ src: sub.src, inWord: true }] : [])),
    ]);
}

/** Records packages an existing `apk add` installs (so a second run sees bash is there). */
export function noteInstalledByApk(
  ctx: MigrationContext,
  state: StageState,
  ins: Instruction,
): void {
  if (ins.form === "exec") return;
  try {
    for (const { src, inWord } of apkSources(ctx, ins)) {
      for (const cmd of simpleCommands(src.script)) {
        // `env X=1 apk add …`, `sudo apk add …`: the apk word may follow a wrapper.
        const k = cmd.args.findIndex((a) => /^(?:.*\/)?(?:xx-)?apk$/.test(a.value ?? ""));
        const [tool, sub, ...rest] = k >= 0 && k <= 3 ? cmd.args.slice(k) : [];
        if (!tool || sub?.value !== "add") continue;
        const temporary = rest.some((w) => /^(?:-t|--virtual)(?:=|$)/.test(w.value ?? ""));
        for (const w of rest) {
          // A list variable (`$PHPIZE_DEPS`) is recorded by its spelling, so rules can ask for it.
          const name =
            w.value ?? (/^\$\{?\w+\}?$/.test(w.raw) ? w.raw.replace(/[{}]/g, "") : undefined);
          if (name && !name.startsWith("-")) {
            state.alpineInstalled.add(name);
            if (!temporary) state.lasting.add(name);
          }
        }
        const last = rest[rest.length - 1] ?? sub;
        // One in a `$( )` is no place to add packages to (placeApk).
        const nested = inWord || mayNotRun(src.script, last.start);
        state.apkAdds.push({
          rule: "shell",
          from: src.span(tool.start, tool.start)[0],
          at: src.span(last.start, last.end)[1],
          temporary,
          nested,
        });
      }
    }
  } catch {
    // reported by the RUN rules
  }
}

/**
 * Rule 6: `SHELL ["/bin/bash", …]` becomes `/bin/ash` when no RUN after it needs bash; otherwise
 * bash is installed first. Other needs (bash entrypoints, scripts, login shells) add bash.
 */
export function migrateShell(ctx: MigrationContext, state: StageState): void {
  // A stage on Alpine before migration chose its shell and its packages already.
  if (state.info.already) return;
  const body = state.info.stage.body;
  let bashShell: Instruction | undefined;
  let runsNeedBash = false;
  for (const ins of body) {
    if (ins.keyword === "SHELL" && ins.form === "exec") {
      const first = firstJsonString(ins.args.text);
      bashShell = first && BASH_BIN.test(first.value) ? ins : undefined;
    } else if (ins.keyword === "RUN") {
      if (state.removedRuns.has(ins)) continue;
      const text = ins.form === "exec" ? ins.args.text : scriptText(ctx, ins);
      if (bashShell && hasBashism(text)) runsNeedBash = true;
      if (callsBash(ctx, ins))
        state.bashNeeds.push({ offset: ins.start, reason: "a RUN line calls bash" });
      // busybox or Debian adduser giving a bash login shell (useradd's is noted when converted).
      else if (followsWithin(ins.args.text, /\badduser\b/, BASH_SHELL_OPTION, /[;&|\n]/))
        state.bashNeeds.push({ offset: ins.start, reason: "a user gets bash as login shell" });
      else if (followsWithin(ins.args.text, /\bsu\b/, BASH_SHELL_OPTION, /[;&|\n]/))
        state.bashNeeds.push({ offset: ins.start, reason: "su starts bash (-s /bin/bash)" });
      else if (linksShToBash(ctx, ins))
        state.bashNeeds.push({ offset: ins.start, reason: "a RUN line points /bin/sh at bash" });
    } else if (ins.keyword === "ENTRYPOINT" || ins.keyword === "CMD") {
      if (/(?:^|[\s"[])(?:\/usr)?(?:\/bin\/)?bash(?:[\s",]|$)/.test(ins.args.text)) {
        state.bashNeeds.push({ offset: ins.start, reason: `${ins.keyword} runs bash` });
      }
    } else if (ins.keyword === "COPY" || ins.keyword === "ADD") {
      checkShebangs(state, ins, state.copied);
    }
  }
  checkInheritedShebangs(ctx, state);
  // Stages built FROM this one run their RUN lines with the SHELL it leaves set.
  const inherited =
    bashShell && !runsNeedBash
      ? state.inheritedRuns.find((ins) => ins.form !== "exec" && hasBashism(scriptText(ctx, ins)))
      : undefined;
  if (inherited) runsNeedBash = true;
  if (bashShell && !runsNeedBash && state.bashNeeds.length === 0) {
    const first = firstJsonString(bashShell.args.text)!;
    const [s, e] = sourceSpan(bashShell.args, first.start, first.end);
    ctx.edit("shell", s, e, "/bin/ash");
    return;
  }
  if (bashShell && runsNeedBash)
    state.bashNeeds.unshift({
      offset: bashShell.start,
      reason: inherited
        ? `SHELL is bash and RUN lines of a stage built FROM this one (line ${ctx.line(inherited.start)}) use bash features`
        : "SHELL is bash and RUN lines use bash features",
    });
  ensureShell(ctx, state, "bash", state.bashNeeds, bashShell);
}

/** bash or dash, which busybox does not have: a shell a stage runs is installed from Alpine. */
export type ShellPackage = "bash" | "dash";

export interface ShellNeed {
  offset: number;
  reason: string;
}

/**
 * Installs `pkg` for the needs (the first one gets the warning): in the stage's first lasting
 * `apk add` when that runs before every need and not under the `SHELL` naming `pkg` itself,
 * else in an `apk add` line of its own before that SHELL, else right after FROM.
 */
export function ensureShell(
  ctx: MigrationContext,
  state: StageState,
  pkg: ShellPackage,
  needs: readonly ShellNeed[],
  shellIns: Instruction | undefined,
): void {
  if (needs.length === 0 || state.lasting.has(pkg)) return;
  const need = needs[0]!;
  ctx.warn("shell", need.offset, `${need.reason}: ${pkg} added (${WHY_ADDED[pkg]})`);
  const firstAdd = liveApkAdds(ctx, state).find((a) => !a.temporary && !a.nested);
  const earliest = needs.reduce((m, n) => Math.min(m, n.offset), Number.POSITIVE_INFINITY);
  // An apk add after a bash SHELL would itself run under the bash it is meant to install.
  const runsUnderIt =
    shellIns !== undefined && firstAdd !== undefined && firstAdd.at > shellIns.start;
  if (firstAdd && firstAdd.at < earliest && !runsUnderIt) {
    ctx.edit("shell", firstAdd.at, firstAdd.at, ` ${pkg}`);
    return;
  }
  const eol = ctx.doc.eol;
  // Something before the SHELL needs bash already (`ln -sf /bin/bash /bin/sh`): after FROM.
  if (shellIns && earliest >= shellIns.start) {
    const lineStart = ctx.text.lastIndexOf("\n", shellIns.start - 1) + 1;
    const line = apkRunLine(state.info.stage, shellIns.start, pkg, eol);
    ctx.edit("shell", lineStart, lineStart, `${line}${eol}`);
    return;
  }
  // Written with whatever else the stage needs right after FROM (one apk add line).
  state.preamble.push(pkg);
  state.alpineInstalled.add(pkg);
  state.lasting.add(pkg);
}

const WHY_ADDED: Record<ShellPackage, string> = {
  bash: "Alpine's /bin/sh is busybox ash",
  dash: "busybox has no dash; what dash ran runs under dash as on Debian, its echo reading escapes",
};

/** A `#!/bin/bash`, `#!/usr/bin/env dash` line naming the shell. */
export function shebangRuns(pkg: ShellPackage): RegExp {
  return new RegExp(`^#!\\s*(?:\\/usr)?\\/bin\\/(?:env\\s+)?${pkg}\\b`);
}

/** The program path or name of the shell: `bash`, `/bin/bash`, `/usr/bin/bash`. */
export function shellBin(pkg: ShellPackage): RegExp {
  return new RegExp(`^(?:\\/usr)?(?:\\/bin\\/)?${pkg}$`);
}

/** The first string of an exec form (`["/bin/bash", "-c"]`). */
export function firstExecString(ins: Instruction): string | undefined {
  return firstJsonString(ins.args.text)?.value;
}

function callsBash(ctx: MigrationContext, ins: Instruction): boolean {
  return callsShell(ctx, ins, "bash");
}

/** A RUN runs the shell: exec form, heredoc shebang or opener, or a command (behind wrappers). */
export function callsShell(ctx: MigrationContext, ins: Instruction, pkg: ShellPackage): boolean {
  const bin = shellBin(pkg);
  if (ins.form === "exec") return bin.test(firstJsonString(ins.args.text)?.value ?? "");
  // A heredoc script with a bash shebang is run by bash.
  const shebang = shebangRuns(pkg);
  if (ins.heredocs.some((h) => shebang.test(ctx.text.slice(h.bodyStart, h.bodyEnd)))) {
    return true;
  }
  // `RUN <<EOF bash`: the shell is named on the opener line, outside the heredoc body.
  if (ins.heredocs.length > 0 && ins.args.text.split(/\s+/).some((w) => bin.test(w))) {
    return true;
  }
  try {
    // `sudo bash …`, `sh -c 'bash …'`: bash behind a wrapper or inside a string runs all the same.
    return runScripts(ctx, ins)
      .flatMap((s) => withNestedSources(s))
      .some((src) => {
        // `curl …/setup_20.x | bash -`, `curl -o s.sh …/setup_20.x && bash s.sh`: a vendor's
        // setup, flagged to be replaced, not kept.
        const setups = setupCommands(src.script);
        return simpleCommands(src.script).some(
          (c) =>
            !setups.has(c) &&
            c.args.some((a) => (a.value ?? "").endsWith(pkg)) &&
            callsOf(c).some((x) => bin.test(x.name ?? "")) &&
            !removed(ctx, ...src.span(c.start, c.end)),
        );
      });
  } catch {
    return false;
  }
}

/** The commands of pipelines that fetch a vendor's setup script, and those that run it. */
function setupCommands(script: Script): Set<SimpleCommand> {
  const pipelines = script.items.filter((it) => it.kind === "pipeline");
  const out = new Set(
    pipelines
      .filter((p) => p.commands.some((c) => c.args.some((a) => SETUP_SCRIPT.test(a.raw))))
      .flatMap((p) => p.commands),
  );
  const commands = pipelines.flatMap((p) => p.commands.map((c, i) => ({ c, piped: i > 0 })));
  const words = commands.map(({ c, piped }) => ({
    name: c.name ?? c.args[0]?.raw ?? "",
    args: c.args.slice(1).map((a) => a.value ?? a.raw),
    piped,
  }));
  for (const run of setupScriptRuns(words)) out.add(commands[run.run]!.c);
  return out;
}

/** Whether an edit already deleted or replaced all of `[start, end)` (`… && bash -c 'apt-get update'`). */
function removed(ctx: MigrationContext, start: number, end: number): boolean {
  return ctx.edits.some((e) => e.start <= start && e.end >= end && e.end > e.start);
}

/** `ln -sf /bin/bash /bin/sh`: later RUN lines would find /bin/sh dangling without bash. */
export function linksShToBash(ctx: MigrationContext, ins: Instruction): boolean {
  if (ins.form === "exec") return false;
  try {
    return runScripts(ctx, ins).some((src) =>
      simpleCommands(src.script).some((c) => {
        if (c.name?.replace(/^.*\//, "") !== "ln") return false;
        const values = c.args.map((a) => a.value ?? "");
        return (
          values.some((v) => /(?:^|\/)bash$/.test(v)) &&
          values.some((v) => /^\/(?:usr\/)?bin\/sh$/.test(v))
        );
      }),
    );
  } catch {
    return false;
  }
}

function scriptText(ctx: MigrationContext, ins: Instruction): string {
  try {
    return runScripts(ctx, ins)
      .map((s) => s.script.text)
      .join("\n");
  } catch {
    return ins.args.text;
  }
}

function firstJsonString(text: string): { value: string; start: number; end: number } | undefined {
  const m = /\[\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  if (!m) return undefined;
  const start = m.index + m[0].length - 1 - m[1]!.length;
  return { value: m[1]!, start, end: start + m[1]!.length };
}

/**
 * A bash script a stage starts (ENTRYPOINT/CMD) or runs (RUN) out of what a stage it is built
 * FROM copied needs bash in this stage, the one that runs it, unless it is given to another shell
 * (`CMD ["sh", F]`, `RUN sh F`).
 */
function checkInheritedShebangs(ctx: MigrationContext, state: StageState): void {
  for (const { file, by, shell } of startedFromParents(ctx, state.info.stage)) {
    if (shell !== undefined && !BASH_BIN.test(shell)) continue;
    if (!BASH_SHEBANG.test(file.content)) continue;
    state.bashNeeds.push({
      offset: by.start,
      reason: `${by.keyword} ${by.keyword === "RUN" ? "runs" : "starts"} ${file.source} (copied at line ${ctx.line(file.instruction.start)}), which has a bash shebang`,
    });
  }
}

const BASH_SHEBANG = /^#!\s*(?:\/usr)?\/bin\/(?:env\s+)?bash\b/;

function checkShebangs(state: StageState, ins: Instruction, files: CopiedFile[]): void {
  for (const f of files) {
    if (f.instruction !== ins) continue;
    if (BASH_SHEBANG.test(f.content)) {
      state.bashNeeds.push({ offset: ins.start, reason: `${f.source} has a bash shebang` });
    }
  }
}
