import {
  ashMissingOption,
  definedFunctions,
  expandedBraceLists,
  isBinShShebang,
  maskQuotes,
  shadowOnlyTool,
} from "@alpinize/busybox";
import { BOM_FIX, bomProblem } from "../rewrite/bom.js";
import { setGosuWord } from "../rewrite/commands.js";
import { finalDescriptors } from "../rewrite/redirects.js";
import { crlfOffset, inlineRange } from "../rewrite/rewrite.js";
import { baseName, commandName } from "../shell/command-name.js";
import { lineColumn, literal, type SimpleCommand, scanShell } from "../shell/scan.js";
import { alpineIdClashes } from "./alpine-ids.js";
import { baseNameClashes } from "./base-names.js";
import { ASH_HAS, BASH_COMMANDS, BASH_SYNTAX, isShShebang, maskInert } from "./bashisms.js";
import { capturedShadowCall } from "./captured.js";
import { echoEscapeFinding } from "./echo-escapes.js";
import type { Add, LintFinding, LintRule } from "./finding.js";
import { baseNameOnAlpine, gidOnAlpine } from "./gid-holder.js";
import { groupNameUses } from "./group-names.js";
import { busyboxOptionProblems, shadowOptionProblem } from "./options.js";
import { shimIdClashes } from "./shim-ids.js";
import { switchToolFinding } from "./switch-tools.js";
import { lintExecAs, lintSudo, USER_GROUP } from "./wrappers.js";

export type { LintFinding, LintRule } from "./finding.js";

/**
 * Finds what breaks when a script written for Debian runs on Alpine's busybox. Pure and
 * synchronous; findings come in source order.
 */
export function lintEntrypoint(text: string): LintFinding[] {
  const sh = isShShebang(text);
  const scanned = scanShell(text, { posix: sh });
  const inlined = inlineRange(text);
  const inert = inlined ? [...scanned.inert, inlined] : scanned.inert;
  const commands = scanned.commands.filter(
    (c) => !inlined || c.start < inlined[0] || c.start > inlined[1],
  );
  const findings: LintFinding[] = [];
  const add = (
    rule: LintRule,
    offset: number,
    message: string,
    fix: string,
    severity = "warning",
  ) =>
    findings.push({
      rule,
      severity: severity as LintFinding["severity"],
      ...lineColumn(text, offset),
      message,
      fix,
    });
  if (scanned.syntax) {
    const { offset, message, hint } = scanned.syntax;
    add("syntax", offset, message, hint, "error");
  }
  const bom = bomProblem(text);
  if (bom !== undefined) add("bom", 0, bom, BOM_FIX, "error");
  const crlf = crlfOffset(text);
  if (crlf !== undefined) {
    const lines = text.match(/\r\n/g)?.length ?? 1;
    add(
      "crlf",
      crlf,
      `CRLF (Windows) line endings on ${lines} line(s): sh reads the \\r as part of the last word of each line, and a "#!/bin/sh\\r" line cannot run`,
      "convert to LF (dos2unix FILE) and keep it so with `*.sh text eol=lf` in .gitattributes",
      "error",
    );
  }
  const masked = maskInert(text, inert);
  // A function the script defines is what a later call of its name runs (`pushd() {…}`).
  const functions = sh ? definedFunctions(maskQuotes(masked).bare) : new Map<string, number>();
  for (const cmd of commands) lintCommand(text, cmd, add, sh, functions);
  // Under `#!/bin/dash` Alpine's dash runs the script, and its echo reads the escapes itself.
  if (isBinShShebang(text)) {
    for (const cmd of commands) {
      const echo = echoEscapeFinding(cmd);
      if (echo) add("echo-escapes", echo.offset, echo.message, echo.fix);
    }
  }
  for (const use of groupNameUses(text, scanned.inert, commands)) {
    const where = use.nested ? ` inside a string another shell runs (${use.nested})` : "";
    add(
      "group-name",
      use.offset,
      `group '${use.group}' was made with GID ${use.gid} earlier and is named again${where}; ${baseNameOnAlpine(use.group, use.gid) ?? `on Alpine another group may hold that GID (${gidOnAlpine(use.gid)}) and be reused, so '${use.group}' may not exist`}`,
      use.nested
        ? "refer to it by the GID in the string (alpinize entrypoint does not rewrite code another shell runs)"
        : `refer to it by the GID, or capture the name: g=$(alpinize_ensure_group ${use.group} ${use.gid}) and use "$g" (alpinize entrypoint does this for chgrp, chown, find, su, install and the exec tools)`,
    );
  }
  for (const m of masked.matchAll(/\/usr\/sbin\/nologin\b/g)) {
    add(
      "nologin-path",
      m.index,
      "/usr/sbin/nologin does not exist on Alpine",
      "use /sbin/nologin (present on both)",
    );
  }
  if (sh) {
    // bash expands `/app/{logs,data}` into two words; dash and busybox ash keep the word as written.
    for (const offset of expandedBraceLists(maskQuotes(masked).bare))
      add(
        "bash-syntax",
        offset,
        "{a,b} brace lists are bash syntax under #!/bin/sh: sh (Debian's dash, Alpine's busybox ash) keeps the word as written, braces and comma included",
        "write each word out (mkdir -p /app/logs /app/data), or use a for loop",
        "error",
      );
    for (const p of BASH_SYNTAX) {
      for (const m of masked.matchAll(p.pattern)) {
        const lead = m[1]?.length ?? 0;
        // What busybox ash runs breaks only where the script also runs under dash (Debian).
        if (p.ash)
          add(
            "bash-syntax",
            m.index + lead,
            `${p.message} under #!/bin/sh: Alpine's busybox ash runs it, Debian's dash does not`,
            p.fix,
            "warning",
          );
        else add("bash-syntax", m.index + lead, `${p.message} under #!/bin/sh`, p.fix, "error");
      }
    }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  return findings;
}

/**
 * `sh`: the shebang names a POSIX shell, so bash-only builtins and `==` are findings, but not a
 * builtin's name the script defined as a function before (`functions`: each first offset).
 */
function lintCommand(
  text: string,
  cmd: SimpleCommand,
  add: Add,
  sh: boolean,
  functions: ReadonlyMap<string, number>,
): void {
  const target = commandName(cmd);
  if (!target) return;
  // sudo keeps its own finding; other wrappers and directories are seen through, so
  // `nohup gosu …` and `/usr/sbin/groupadd …` get the rules of the bare names.
  const wrapped = target.wrapper === "sudo" || target.wrapper === "doas";
  const at = wrapped
    ? cmd.words.findIndex((w) => baseName(literal(w.text)) === target.wrapper)
    : target.at;
  const word = cmd.words[at]!;
  const name = word.text === "[" ? "[" : wrapped ? target.wrapper : target.name;
  if (name === undefined) return;
  const args = cmd.words.slice(at + 1);
  const problems = busyboxOptionProblems(name, args);
  // The wrapper's own options too (`timeout -v 5 gosu …`).
  const outer = target.wrapper && !wrapped ? outerWord(cmd, target.first) : undefined;
  if (outer !== undefined) {
    const outerName = baseName(literal(cmd.words[outer]!.text));
    if (outerName) problems.push(...busyboxOptionProblems(outerName, cmd.words.slice(outer + 1)));
  }
  for (const p of problems) add("gnu-option", p.word.start, p.message, p.fix, "error");
  const captured = capturedShadowCall(text, cmd);
  if (captured) add("shadow-tool", word.start, captured.message, captured.fix, "error");
  else if (shadowOnlyTool(name) !== undefined) {
    add(
      "shadow-tool",
      word.start,
      `${name} is not on Alpine unless the shadow package is installed; busybox addgroup/adduser take other options`,
      name === "groupadd" || name === "useradd"
        ? `use the alpinize shims, or install shadow: alpinize entrypoint rewrites ${name} when the call gives what the shims need (${name === "groupadd" ? "-g/--gid GID" : "-u/--uid, -g/--gid, -d/--home-dir and -s/--shell"}); its warnings say what a declined call lacks`
        : "use the alpinize shims, or install shadow: alpinize entrypoint rewrites the calls it can carry over, and its warnings say what a declined call lacks",
      "error",
    );
  }
  const option = shadowOptionProblem(name, args);
  if (option) {
    const { word: at, rejection: r } = option;
    add(
      "shadow-tool",
      at.start,
      `${name} ${r.option} is not on Alpine unless the shadow package is installed: ${r.message}`,
      r.busybox === undefined
        ? "install shadow (apk add --no-cache shadow); alpinize entrypoint does not rewrite passwd or chpasswd"
        : `use ${name} ${r.busybox}, or install shadow (apk add --no-cache shadow)`,
      "error",
    );
  }
  const ids = [alpineIdClashes, shimIdClashes, baseNameClashes].flatMap((f) => f(name, args));
  for (const c of ids) add("alpine-id", c.offset, c.message, c.fix, c.severity);
  if (name === "sudo" || name === "doas") lintSudo(name, args, add);
  const setHead = name === "set" ? setGosuWord(args) : undefined;
  if (setHead) {
    add(
      "gosu",
      setHead.start,
      'set -- gosu … then exec "$@" runs gosu itself, which Alpine images usually lack; the shims cannot stand in, as exec needs a program',
      "write su-exec in place of gosu when the image installs su-exec (alpinize migrate does when the Dockerfile's gosu became su-exec), or install gosu",
      "error",
    );
  }
  if (name === "gosu" || name === "su-exec") lintExecAs(name, word.start, args[0]?.text, add);
  const switching = name === "runuser" || name === "setpriv";
  const found = switching ? switchToolFinding(name, args, target.wrapper) : undefined;
  if (found) add(name as LintRule, word.start, found.message, found.fix);
  if (sh && (name === "[" || name === "test")) {
    for (const a of args) {
      if (a.text === "==")
        add(
          "bash-syntax",
          a.start,
          "== in [ ] is bash syntax: Alpine's busybox ash accepts it, Debian's dash does not",
          "use =",
          "warning",
        );
    }
  }
  const missing = sh
    ? ashMissingOption(
        name,
        args.map((a) => literal(a.text)),
      )
    : undefined;
  if (missing)
    add(
      "bash-syntax",
      args.find((a) => literal(a.text) === missing.option)?.start ?? word.start,
      `${name} ${missing.option} is bash's: ${OPTION_ELSEWHERE[name]}; Alpine's busybox ash: ${missing.does}`,
      missing.fix,
      "error",
    );
  const own = (functions.get(name) ?? Number.POSITIVE_INFINITY) <= word.start;
  const bash = sh && !own ? BASH_COMMANDS[name] : undefined;
  if (bash)
    add(
      "bash-syntax",
      word.start,
      ASH_HAS.has(name)
        ? `${name} is a bash builtin (Alpine's busybox ash has it, Debian's dash does not)`
        : `${name} is a bash builtin`,
      bash,
      ASH_HAS.has(name) ? "warning" : "error",
    );
  const hidden = USER_GROUP.has(name) ? hiddenFailure(text, cmd) : undefined;
  if (hidden) {
    add(
      "hidden-failure",
      word.start,
      `${name} failures are hidden by ${hidden.redirects} ${hidden.or}; on Alpine it fails and the container starts without the group`,
      `drop ${hidden.redirects} to see why it fails; alpinize entrypoint keeps your redirections, and its shims reuse the group that holds the GID instead of failing`,
    );
  }
}

/** What Debian's dash does with the bash option `ashMissingOption` finds (measured). */
const OPTION_ELSEWHERE: Readonly<Record<string, string>> = {
  read: 'Debian\'s dash fails ("read: Illegal option -a")',
  printf: 'Debian\'s dash fails ("printf: Illegal option -v")',
};

/** The first wrapper word: after `exec` and `command`, which start at `first`. */
function outerWord(cmd: SimpleCommand, first: number): number {
  let i = first;
  while (i < cmd.words.length && /^(exec|command)$/.test(literal(cmd.words[i]!.text) ?? "")) i++;
  return i;
}

/**
 * How a user or group tool's failure is hidden, as written (`2>/dev/null`, `|| true`), or undefined:
 * its stderr ends at /dev/null and `|| true` or `|| :` follows. The scanner's redirections are
 * followed in order, so `>/dev/null 2>&1` and bash's `&>/dev/null`, `&>>/dev/null` and
 * `>&/dev/null` hide it, and `2>&1 >/dev/null` (stderr on the terminal) does not. Under #!/bin/sh
 * the scanner reads `&>f` as dash does, `&` then `>f`: the tool runs in the background with no
 * redirection, and the `&>` is a bash-syntax finding instead.
 */
function hiddenFailure(
  text: string,
  cmd: SimpleCommand,
): { redirects: string; or: string } | undefined {
  if (finalDescriptors(cmd.redirects).get(2) !== "file:/dev/null") return undefined;
  const or = /^\s*\|\|\s*(true|:)(?=$|[\s;&|)])/.exec(text.slice(cmd.end, cmd.end + 40));
  if (!or) return undefined;
  const redirects = cmd.redirects.map((r) => text.slice(r.start, r.end)).join(" ");
  return { redirects, or: `|| ${or[1]}` };
}
