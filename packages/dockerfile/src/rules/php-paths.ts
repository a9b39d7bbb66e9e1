import type { MigrationContext } from "../migrate/context.js";
import { sourceSpan, splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { simpleCommands } from "../shell/script.js";
import type { ShellSource } from "../shell/source.js";
import { NOTE_JOIN, PHP_LAYOUT_NOTE } from "./debian-layout.js";
import { runScripts } from "./run-scripts.js";
import { runSources } from "./run-sources.js";
import type { StageState } from "./scope.js";
import { startedCalls } from "./started-commands.js";

/**
 * Alpine's PHP layout, from aports' community/phpNN APKBUILDs (php82 to php85 share one recipe):
 * configure --with-config-file-path=/etc/phpNN and --with-config-file-scan-dir=/etc/phpNN/conf.d
 * (one php.ini and one conf.d for every SAPI), --program-suffix=NN (/usr/bin/phpNN,
 * /usr/sbin/php-fpmNN), and the fpm subpackage's /etc/phpNN/php-fpm.conf, which includes
 * /etc/phpNN/php-fpm.d/*.conf. Debian keeps a tree per SAPI under /etc/php/X.Y/.
 */
interface PathKind {
  re: RegExp;
  to: (nn: string) => string;
  why: (nn: string) => string;
}

const SAPI = "(?:cli|fpm|apache2|cgi)";
const END = "(?=[/\\s\"',;:)\\]}|&]|$)";

const PATHS: readonly PathKind[] = [
  {
    re: new RegExp(`/etc/php/\\d\\.\\d+/fpm/pool\\.d${END}`, "g"),
    to: (nn) => `/etc/php${nn}/php-fpm.d`,
    why: (nn) =>
      `Alpine's php${nn}-fpm reads its pools from /etc/php${nn}/php-fpm.d; its www.conf is php-src's (listen = 127.0.0.1:9000, user = nobody), not Debian's (a /run/php socket, www-data): check what a sed or a copied pool file expects`,
  },
  {
    re: /\/etc\/php\/\d\.\d+\/fpm\/php-fpm\.conf\b/g,
    to: (nn) => `/etc/php${nn}/php-fpm.conf`,
    why: (nn) => `Alpine's php${nn}-fpm reads /etc/php${nn}/php-fpm.conf`,
  },
  {
    re: new RegExp(`/etc/php/\\d\\.\\d+/${SAPI}/php\\.ini\\b`, "g"),
    to: (nn) => `/etc/php${nn}/php.ini`,
    why: (nn) =>
      `Alpine's PHP reads one /etc/php${nn}/php.ini for every SAPI (Debian has one per SAPI): settings meant for one SAPI now apply to all`,
  },
  {
    re: new RegExp(`/etc/php/\\d\\.\\d+/${SAPI}/conf\\.d${END}`, "g"),
    to: (nn) => `/etc/php${nn}/conf.d`,
    why: (nn) =>
      `Alpine's PHP scans one /etc/php${nn}/conf.d for every SAPI (Debian has one per SAPI): an ini meant for one SAPI now applies to all`,
  },
];

/** Debian's extension ini store (phpenmod links from it): Alpine has nothing like it. */
const MODS_AVAILABLE = "mods-available";
const DEBIAN_DIR = /\/etc\/php\/\d\.\d+\//;

/** Programs by absolute path, anywhere in the text (`ln -s /usr/bin/php8.2 …`, ENV values). */
const PROGRAM_PATHS = /\/usr\/(?:s?bin)\/(php-fpm|php)(\d\.\d+)(?![\w.-])/g;
const PROGRAM = /^(php-fpm|php)(\d\.\d+)$/;

/** Commands that start the program given as their next word. */
const WRAPPERS = new Set(["exec", "nohup", "nice", "env", "sudo", "su-exec", "gosu", "time"]);

interface Rewrite {
  start: number;
  end: number;
  text: string;
  kind: string;
  why: string;
}

/**
 * Rule `apt`: a stage that installs Debian's PHP packages, now Alpine's phpNN ones, names Debian's
 * layout (/etc/php/X.Y/fpm/pool.d, php-fpm8.2 …), which the image no longer has: the build or the
 * container would fail. The known paths and programs become Alpine's, each kind with a warning;
 * mods-available and other /etc/php/X.Y paths, which have no one counterpart, are flagged.
 */
export function rewritePhpLayout(ctx: MigrationContext, state: StageState): void {
  const nn = stagePhp(state);
  if (nn === undefined) return;
  for (const ins of state.info.stage.body) {
    if (state.removedRuns.has(ins)) continue;
    const rewrites = dedupe(instructionRewrites(ctx, ins, nn)).filter((r) => free(ctx, r));
    if (rewrites.length === 0 && !DEBIAN_DIR.test(ins.args.text)) continue;
    for (const r of rewrites) ctx.edit("apt", r.start, r.end, r.text);
    dropSuperseded(ctx, ins, rewrites);
    for (const r of rewrites) ctx.warn("apt", r.start, `${r.kind} → ${r.text}: ${r.why}`);
    flagLeft(ctx, ins, rewrites, nn);
  }
}

/** The phpNN the stage's Debian PHP packages became, when there is exactly one. */
function stagePhp(state: StageState): string | undefined {
  if (!state.info.alpine || state.info.already) return undefined;
  if (![...state.debianInstalled].some((n) => /^(?:php|libapache2-mod-php)/.test(n)))
    return undefined;
  const nns = new Set(
    [...state.alpineInstalled].map((n) => /^php(\d\d)(?:-|$)/.exec(n)?.[1]).filter(Boolean),
  );
  // Two PHPs: which one a path means is not for a rule to guess; the layout notes stay.
  if (nns.size !== 1) return undefined;
  const nn = [...nns][0]!;
  return Number(nn) >= 82 && Number(nn) <= 85 ? nn : undefined;
}

function instructionRewrites(ctx: MigrationContext, ins: Instruction, nn: string): Rewrite[] {
  switch (ins.keyword) {
    case "RUN":
      return runRewrites(ctx, ins, nn);
    case "CMD":
    case "ENTRYPOINT":
      return [...textRewrites(ins, 0, ins.args.text.length, nn), ...startedRewrites(ins, nn)];
    case "ENV":
      return textRewrites(ins, 0, ins.args.text.length, nn);
    case "COPY":
    case "ADD": {
      // The destination only: a source may be a Debian stage's file (COPY --from=…).
      const last = splitWords(ins.args.text).at(-1);
      return last ? textRewrites(ins, last.start, last.end, nn) : [];
    }
    default:
      return [];
  }
}

/** Paths and programs by path in `ins.args.text[from, to)`. */
function textRewrites(ins: Instruction, from: number, to: number, nn: string): Rewrite[] {
  const text = ins.args.text.slice(0, to);
  return matchText(text, from, nn).map((m) => {
    const [start, end] = sourceSpan(ins.args, m.at, m.at + m.length);
    return { ...m.rewrite, start, end };
  });
}

interface Match {
  at: number;
  length: number;
  rewrite: Omit<Rewrite, "start" | "end">;
}

function matchText(text: string, from: number, nn: string): Match[] {
  const out: Match[] = [];
  for (const kind of PATHS) {
    kind.re.lastIndex = from;
    for (let m = kind.re.exec(text); m; m = kind.re.exec(text)) {
      out.push({
        at: m.index,
        length: m[0].length,
        rewrite: { text: kind.to(nn), kind: m[0], why: kind.why(nn) },
      });
    }
  }
  PROGRAM_PATHS.lastIndex = from;
  for (let m = PROGRAM_PATHS.exec(text); m; m = PROGRAM_PATHS.exec(text)) {
    const name = `${m[1]}${m[2]}`;
    const at = m.index + m[0].length - name.length;
    out.push({ at, length: name.length, rewrite: programRewrite(m[1]!, m[2]!, nn) });
  }
  return out;
}

function programRewrite(program: string, version: string, nn: string): Rewrite {
  const to = `${program}${nn}`;
  const what = program === "php-fpm" ? `php${nn}-fpm's FPM` : `php${nn}'s CLI`;
  const dir = program === "php-fpm" ? "/usr/sbin" : "/usr/bin";
  const other =
    version.replace(".", "") === nn
      ? ""
      : `; the PHP installed is ${nn[0]}.${nn.slice(1)}, not ${version}`;
  return {
    start: 0,
    end: 0,
    text: to,
    kind: `${program}${version}`,
    why: `Alpine names ${what} ${dir}/${to}${other}`,
  };
}

function runRewrites(ctx: MigrationContext, ins: Instruction, nn: string): Rewrite[] {
  const out: Rewrite[] = [];
  let top: ShellSource[];
  try {
    top = runScripts(ctx, ins);
  } catch {
    return [];
  }
  for (const src of top) {
    for (const m of matchText(src.script.text, 0, nn)) {
      const [start, end] = src.span(m.at, m.at + m.length);
      out.push({ ...m.rewrite, start, end });
    }
  }
  for (const { sources } of runSources(ctx, [ins])) {
    for (const src of sources) out.push(...commandRewrites(src, nn));
  }
  return out;
}

/** `php8.2 artisan …`, `exec php-fpm8.2 -F`: the program word of each command. */
function commandRewrites(src: ShellSource, nn: string): Rewrite[] {
  const out: Rewrite[] = [];
  for (const cmd of simpleCommands(src.script)) {
    let k = 0;
    while (k < cmd.args.length - 1 && WRAPPERS.has(cmd.args[k]!.value ?? "")) k++;
    const word = cmd.args[k];
    const m = word?.value === word?.raw ? PROGRAM.exec(word?.value ?? "") : null;
    if (!word || !m) continue;
    const [start, end] = src.span(word.start, word.end);
    out.push({ ...programRewrite(m[1]!, m[2]!, nn), start, end });
  }
  return out;
}

/** What an ENTRYPOINT/CMD starts by name (exec form, shell form, `sh -c` strings). */
function startedRewrites(ins: Instruction, nn: string): Rewrite[] {
  const out: Rewrite[] = [];
  for (const call of startedCalls(ins)) {
    const m = PROGRAM.exec(call.name);
    if (!m) continue;
    const at = ins.args.text.indexOf(call.name, call.at);
    if (at < 0) continue;
    const [start, end] = sourceSpan(ins.args, at, at + call.name.length);
    out.push({ ...programRewrite(m[1]!, m[2]!, nn), start, end });
  }
  return out;
}

function dedupe(rewrites: Rewrite[]): Rewrite[] {
  const seen = new Set<string>();
  return rewrites.filter((r) => {
    const key = `${r.start}:${r.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Another rule edits no part of the span (a deleted pipeline, a replaced word). */
function free(ctx: MigrationContext, r: Rewrite): boolean {
  return !ctx.edits.some((e) =>
    e.start === e.end ? r.start < e.start && e.start < r.end : e.start < r.end && r.start < e.end,
  );
}

/**
 * The layout note (debian-layout.ts) and the program notes (debianProgramNote) given earlier on
 * this instruction speak of what is rewritten now: their parts go, other notes stay.
 */
function dropSuperseded(ctx: MigrationContext, ins: Instruction, rewrites: Rewrite[]): void {
  const programs = rewrites.filter((r) => PROGRAM.test(r.kind)).map((r) => r.kind);
  const stale = (part: string) =>
    part.startsWith(PHP_LAYOUT_NOTE) ||
    programs.some((p) => part.includes(`${p} is Debian's name;`));
  for (let k = ctx.warnings.length - 1; k >= 0; k--) {
    const w = ctx.warnings[k]!;
    if (w.rule !== "apt" || w.offset < ins.start || w.offset > ins.end) continue;
    const parts = w.message.split(NOTE_JOIN).filter((p) => !stale(p));
    if (parts.length === 0) ctx.warnings.splice(k, 1);
    else ctx.warnings[k] = { ...w, message: parts.join(NOTE_JOIN) };
  }
}

/**
 * /etc/php/X.Y paths left as written: the layout note on them has gone (dropSuperseded), so each
 * gets one naming what Alpine's phpNN has instead.
 */
function flagLeft(ctx: MigrationContext, ins: Instruction, done: Rewrite[], nn: string): void {
  const text = ins.args.text;
  for (const m of text.matchAll(new RegExp(DEBIAN_DIR, "g"))) {
    const [at] = sourceSpan(ins.args, m.index, m.index);
    if (done.some((r) => r.start <= at && at < r.end)) continue;
    ctx.warn(
      "apt",
      at,
      text.startsWith(MODS_AVAILABLE, m.index + m[0].length)
        ? `${m[0]}${MODS_AVAILABLE} is Debian's store of extension ini files (phpenmod links them into each SAPI's conf.d); Alpine has none: each php${nn}-<ext> package puts its ini in /etc/php${nn}/conf.d, and so should yours`
        : `${m[0]} is Debian's PHP layout, with no one counterpart on Alpine: php${nn} keeps its configuration in /etc/php${nn} (php.ini, conf.d, php-fpm.conf, php-fpm.d)`,
    );
  }
}
