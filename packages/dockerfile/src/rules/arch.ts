import { quoted } from "@alpinize/errors";
import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { PRINTERS, translateGreps } from "./arch-grep.js";
import { ARCH_NAMES } from "./arch-names.js";
import { scriptWords } from "./nested.js";
import type { ScriptScope } from "./scope.js";
import { failsInRun } from "./tools-failing.js";
import { assignmentValue } from "./variables.js";

const PRINT_ARCH = /dpkg[ \t]+--print-architecture/g;
/** Alpine's name → Debian's; armhf first, as armv7 becomes armhf. */
const BACK: readonly (readonly [alpine: string, debian: string])[] = [
  ["armhf", "armel"],
  ["armv7", "armhf"],
  ["x86_64", "amd64"],
  ["aarch64", "arm64"],
  ["x86", "i386"],
  ["ppc64le", "ppc64el"],
  ["loongarch64", "loong64"],
];
const TO_DEBIAN = BACK.map(([a, d]) => `-e 's/^${a}$/${d}/'`).join(" ");
/** The same in double quotes (`\$`: a `$` there is read by the shell), for `sh -c '…'` strings. */
const TO_DEBIAN_DQ = BACK.map(([a, d]) => `-e "s/^${a}\\$/${d}/"`).join(" ");

/**
 * `apk --print-arch` mapped back to Debian's names, quoted so the string it goes into can hold it:
 * a `sh -c '…'` string cannot hold `'`, and the whole string was left unconverted (and dpkg in
 * it, which `migrate --check` then failed on an Alpine stage without dpkg). Inside a double-quoted
 * string as well, neither form fits: the string is left whole and flagged, as before.
 */
function printDebianArch(scope: ScriptScope): string {
  const double = scope.quotes.at(-1) === "'" && !scope.quotes.includes('"');
  return `apk --print-arch | sed ${double ? TO_DEBIAN_DQ : TO_DEBIAN}`;
}

/**
 * Rule 4: `dpkg --print-architecture` → `apk --print-arch`; `case` labels fed by it are
 * translated; other uses of the value are flagged because URLs often expect Debian names.
 */
export function migrateArch(scope: ScriptScope): void {
  // Already on Alpine with dpkg installed when it runs: `dpkg --print-architecture` works there
  // as written. One the install does not reach (`command -v dpkg && apk add dpkg`) is rewritten.
  const { info, alpineInstalled } = scope.stage;
  if (
    info.already &&
    alpineInstalled.has("dpkg") &&
    !failsInRun(scope.ctx, info.stage, scope.instruction, "dpkg")
  )
    return;
  const archVars = new Set<string>();
  const items = scope.src.script.items;
  // Only scripts that print the architecture need to know what they compare.
  let compared: Set<string> | undefined;
  for (const item of items) {
    // `case "$(dpkg --print-architecture)" in`: the subject is a header word, not a command.
    if (item.kind === "header") for (const w of item.words) swapPrintArch(scope, w);
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) {
      // A `sh -c` string is a script of its own: converted there, or left whole and flagged.
      const strings = scriptWords(cmd);
      const own = strings.filter((w) => scope.convertedStrings.has(w) || w.raw.startsWith("'"));
      for (const w of [...cmd.assignments, ...cmd.args]) {
        if (own.includes(w)) continue;
        for (const m of w.raw.matchAll(PRINT_ARCH)) {
          // Single-quoted text is literal: nothing runs there, and quotes could not be added.
          if (insideSingleQuotes(w.raw, m.index)) continue;
          // `sh -c "… sh -c '…'"` left whole: the inner shell reads the `'`, which no edit may add.
          const inner = strings.includes(w) && w.raw.startsWith('"');
          if (inner && insideSingleQuotes(w.raw.slice(1), m.index - 1)) continue;
          compared ??= comparedVariables(scope);
          const start = w.start + m.index;
          const v0 = assignmentValue({ ...w, value: "" });
          const gosu = v0 !== undefined && scope.gosuArchVars.has(v0.name);
          if (scope.dpkgKept && gosu && !scope.gosuArchRaw.has(v0?.name ?? "")) continue;
          const v = assignmentValue({ ...w, value: "" });
          // Used in place (a URL, a path), or held by a variable nothing compares (it goes into
          // URLs and paths): the Debian name it had is needed, so map it back.
          const printer = cmd.name === "echo" || cmd.name === "printf";
          const inPlace =
            (!v && !TESTS.has(cmd.name ?? "") && (!printer || printsData(item, cmd))) ||
            (v !== undefined && cmd.args.length === 0 && !compared.has(v.name));
          scope.rawEdits.push({
            start,
            end: start + m[0].length,
            // No dpkg in this RUN to keep: the gosu asset still needs the Debian name.
            text: gosu || inPlace ? printDebianArch(scope) : "apk --print-arch",
            rule: "arch",
          });
          if (v && !gosu && !inPlace && cmd.args.length === 0) archVars.add(v.name);
        }
      }
      const [tool, option] = cmd.args;
      if (
        cmd.name === "dpkg" &&
        option?.value === "--print-architecture" &&
        cmd.args.length === 2
      ) {
        // Printed to a file or a pipe: whoever reads it expects Debian's names, so map them back.
        scope.rawEdits.push({
          start: tool!.start,
          end: option.end,
          text: printDebianArch(scope),
          rule: "arch",
        });
        continue;
      }
      if (cmd.name === "dpkg")
        dpkgOther(
          scope,
          item,
          cmd.args.map((a) => a.value ?? a.raw),
        );
    }
  }
  if (!/dpkg[ \t]+--print-architecture/.test(scope.src.script.text)) return;
  translateCases(scope, archVars);
  translateTests(scope, archVars);
  const greps = translateGreps(scope, archVars);
  warnOtherUses(scope, archVars, greps);
}

/**
 * echo/printf whose output is data, not a message: written to a file (`> /arch`) or piped on.
 * Those keep Debian's names, as a reader of the file expects.
 */
function printsData(pipeline: Pipeline, cmd: SimpleCommand): boolean {
  const after = pipeline.commands.slice(pipeline.commands.indexOf(cmd) + 1);
  // Piped into grep: its labels are translated to Alpine's names instead (translateGreps).
  if (after.length > 0) return !after.some((c) => /^[ef]?grep$/.test(c.name ?? ""));
  return cmd.redirects.some(
    (r) =>
      /^\d*>{1,2}(?!&)/.test(r.raw) &&
      !/^[12]?>{1,2}\s*\/dev\/(?:stderr|stdout|null)\b/.test(r.raw),
  );
}

/**
 * Variables the script compares: a `case` subject, a `[`/`test`/`[[` operand, or text echoed into
 * grep. Only those get Alpine's names (and their labels translated).
 */
function comparedVariables(scope: ScriptScope): Set<string> {
  const out = new Set<string>();
  const names = (raw: string) => [...raw.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1]!);
  for (const item of scope.src.script.items) {
    if (item.kind === "header" && item.words[0]) {
      for (const n of names(item.words[0].raw)) out.add(n);
    }
    if (item.kind !== "pipeline") continue;
    const greps = item.commands.slice(1).some((c) => /grep$/.test(c.name ?? ""));
    for (const cmd of item.commands) {
      const compares = TESTS.has(cmd.name ?? "") || (greps && PRINTERS.has(cmd.name ?? ""));
      if (!compares) continue;
      for (const a of cmd.args) for (const n of names(a.raw)) out.add(n);
    }
  }
  return out;
}

/** Whether `index` of a raw shell word falls inside a single-quoted part of it. */
function insideSingleQuotes(raw: string, index: number): boolean {
  let quoted = false;
  let double = false;
  for (let k = 0; k < index; k++) {
    const c = raw[k];
    if (c === "\\" && !quoted) k++;
    else if (c === "'" && !double) quoted = !quoted;
    else if (c === '"' && !quoted) double = !double;
  }
  return quoted;
}

/** `[`, `test` and `[[`: their `=`/`!=` comparisons of an architecture are translated. */
const TESTS = new Set(["[", "test", "[["]);

/**
 * Rule 4 in `if` tests: `[ "$arch" = 'arm64' ]` compares with what `apk --print-arch` prints
 * now, so the Debian name on the other side becomes the Alpine one, quotes kept.
 */
function translateTests(scope: ScriptScope, archVars: Set<string>): void {
  const isArch = (w: Word) =>
    /(?:dpkg --print-architecture|apk --print-arch)/.test(w.raw) ||
    [...archVars].some((v) => new RegExp(`^["']?\\$\\{?${v}\\}?["']?$`).test(w.raw));
  for (const item of scope.src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) {
      if (!TESTS.has(cmd.name ?? "")) continue;
      const a = cmd.args;
      for (let k = 1; k + 1 < a.length; k++) {
        if (a[k]!.value === "=~" && (isArch(a[k - 1]!) || isArch(a[k + 1]!))) {
          scope.warn(
            "arch",
            a[k + 1]!.start,
            "the =~ pattern here is matched against what apk --print-arch prints (x86_64, aarch64, armv7, x86, ppc64le): use Alpine's names in it",
          );
          continue;
        }
        if (!/^(?:=|==|!=)$/.test(a[k]!.value ?? "")) continue;
        const left = a[k - 1]!;
        const right = a[k + 1]!;
        const other = isArch(left) ? right : isArch(right) ? left : undefined;
        if (!other) continue;
        if (/\$\{?(?:TARGETARCH|BUILDARCH)\b/.test(other.raw)) {
          scope.warn(
            "arch",
            other.start,
            `${other.raw} holds Docker's architecture names (amd64, arm64), apk --print-arch Alpine's (x86_64, aarch64): this comparison no longer matches; compare names of one kind`,
          );
        } else if (!translateLiteral(scope, other) && ARCH_HINT.test(other.raw)) {
          scope.warn(
            "arch",
            other.start,
            `${other.raw} is compared with what apk --print-arch prints (x86_64, aarch64, armv7, x86, ppc64le): use Alpine's names here`,
          );
        }
      }
    }
  }
}

/** A pattern or name that looks like a Debian architecture (`amd*`, `arm64`, `i386`). */
const ARCH_HINT = /amd|arm|i[3-6]86|ppc|s390|riscv|loong|mips/;

/** Translates a literal Debian name; true when the word needs no change or was changed. */
function translateLiteral(scope: ScriptScope, w: Word): boolean {
  const value = w.value;
  if (value === undefined) return false;
  if (Object.values(ARCH_NAMES).includes(value) && !(value in ARCH_NAMES)) return true;
  const alpine = ARCH_NAMES[value];
  if (alpine === undefined) return false;
  if (alpine === value) return true;
  const at = w.raw.indexOf(value);
  if (at < 0) return false;
  scope.rawEdits.push({
    start: w.start + at,
    end: w.start + at + value.length,
    text: alpine,
    rule: "arch",
  });
  return true;
}

function swapPrintArch(scope: ScriptScope, w: Word): void {
  for (const m of w.raw.matchAll(PRINT_ARCH)) {
    const start = w.start + m.index;
    scope.rawEdits.push({
      start,
      end: start + m[0].length,
      text: "apk --print-arch",
      rule: "arch",
    });
  }
}

function dpkgOther(scope: ScriptScope, pipeline: Pipeline, args: string[]): void {
  const first = pipeline.commands[0]!;
  if (args.includes("--print-architecture")) return;
  if (args.includes("--add-architecture")) {
    scope.warn(
      "arch",
      first.start,
      "dpkg --add-architecture has no apk equivalent; use xx-apk or a per-platform build",
    );
  } else if (args.some((a) => a === "-i" || a === "--install" || a.endsWith(".deb"))) {
    scope.warn(
      "glibc",
      first.start,
      "dpkg -i installs a .deb built for glibc; use an Alpine package, the musl build, or gcompat",
    );
  } else {
    scope.warn(
      "apt",
      first.start,
      `dpkg ${args.slice(1).join(" ")} left as is; dpkg is not on Alpine (apk info and apk info -L answer such queries)`,
    );
  }
}

function translateCases(scope: ScriptScope, archVars: Set<string>): void {
  let active = false;
  for (const item of scope.src.script.items) {
    if (item.kind === "header" && item.words[0]) {
      const subject = item.words[0].raw;
      active =
        /dpkg --print-architecture|apk --print-arch/.test(subject) ||
        [...archVars].some((v) => new RegExp(`\\$\\{?${v}\\b`).test(subject));
      continue;
    }
    if (item.kind === "keyword" && item.word === "esac") active = false;
    if (!active || item.kind !== "pattern") continue;
    for (const label of item.labels) {
      const value = label.value;
      if (value === undefined) continue;
      const alpine = ARCH_NAMES[value];
      if (alpine === undefined || alpine === value) {
        if (value !== "*" && !Object.values(ARCH_NAMES).includes(value)) {
          scope.warn(
            "arch",
            label.start,
            `case label ${quoted(label.raw)}: no Alpine architecture name known; check it`,
          );
        }
        continue;
      }
      const at = label.raw.indexOf(value);
      scope.rawEdits.push({
        start: label.start + at,
        end: label.start + at + value.length,
        text: alpine,
        rule: "arch",
      });
    }
  }
}

function warnOtherUses(
  scope: ScriptScope,
  archVars: Set<string>,
  translated: ReadonlySet<Pipeline>,
): void {
  for (const name of archVars) {
    const use = new RegExp(`\\$\\{?${name}\\b`);
    for (const item of scope.src.script.items) {
      if (item.kind !== "pipeline" || translated.has(item)) continue;
      // Messages (echo/printf) may name the architecture either way; piped on, they are data.
      const piped = item.commands.length > 1;
      const hit = item.commands
        .filter((c) => piped || (!PRINTERS.has(c.name ?? "") && !TESTS.has(c.name ?? "")))
        .flatMap((c) => [...c.args, ...c.assignments])
        .find((w) => use.test(w.raw) && !/^[A-Za-z_]\w*="?\$\{?\w+##/.test(w.raw));
      if (hit) {
        scope.warn(
          "arch",
          hit.start,
          `$${name} now holds an Alpine architecture name (x86_64, aarch64, …); if this URL, path or pipe expects Debian names (amd64, arm64), translate it`,
        );
        break;
      }
    }
  }
}

/**
 * gosu's release assets carry Debian architecture names (gosu-amd64, gosu-arm64, gosu-ppc64el).
 * docker-library computes them with `dpkg --print-architecture | awk -F- '{ print $NF }'`, which
 * also works on Alpine with its dpkg package (it prints `musl-linux-amd64`; awk keeps the last
 * part). Finds those variables when a curl/wget of gosu uses them, before the RUN is rewritten.
 */
export function collectGosuArch(scope: ScriptScope): void {
  const candidates = new Map<string, number>();
  const raw = new Set<string>();
  const fetchArgs: string[] = [];
  // Already migrated: dpkg is in an apk add of this RUN (idempotence), at this offset.
  let dpkgAdd = Number.POSITIVE_INFINITY;
  for (const item of scope.src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) {
      const name = (cmd.name ?? "").replace(/^.*\//, "");
      if (
        name === "apk" &&
        cmd.args[1]?.value === "add" &&
        cmd.args.some((a) => a.value === "dpkg")
      )
        dpkgAdd = Math.min(dpkgAdd, cmd.start);
      if (name === "wget" || name === "curl") {
        fetchArgs.push(...cmd.args.map((a) => a.raw).filter((r) => /gosu/.test(r)));
      }
      if (cmd.args.length > 0) continue;
      for (const w of cmd.assignments) {
        if (!/dpkg[ \t]+--print-architecture/.test(w.raw)) continue;
        const v = assignmentValue({ ...w, value: "" });
        if (!v) continue;
        candidates.set(v.name, Math.min(candidates.get(v.name) ?? w.start, w.start));
        if (!/awk\s+-F\s*["']?-/.test(w.raw) || !/\$NF/.test(w.raw)) raw.add(v.name);
      }
    }
  }
  for (const [v, at] of candidates) {
    const use = new RegExp(`\\$\\{?${v}\\b`);
    if (!fetchArgs.some((a) => use.test(a))) continue;
    scope.gosuArchVars.add(v);
    scope.gosuArchAt = Math.min(scope.gosuArchAt, at);
    if (raw.has(v)) scope.gosuArchRaw.add(v);
  }
  // An apk add of dpkg after the arch is computed comes too late for it (--check fails the call).
  if (dpkgAdd < scope.gosuArchAt) scope.dpkgKept = true;
}
