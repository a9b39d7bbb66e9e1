import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { parseScript, type SimpleCommand, simpleCommands } from "../shell/script.js";
import type { Stage } from "../stages.js";
import { baseRepository } from "./base-image.js";
import { execWords } from "./exec-words.js";
import { runScripts } from "./run-scripts.js";
import type { StageInfo } from "./stage-info.js";
import { shellScriptIndex } from "./started-commands.js";

/** Debian's nginx packages: each one brings Debian's nginx.conf, which reads conf.d inside http {}. */
const DEBIAN_NGINX = new Set(["nginx", "nginx-light", "nginx-full", "nginx-extras", "nginx-core"]);
const CONF_D = /^\/etc\/nginx\/conf\.d(?:\/|$)/;
const CONF_D_IN = /(?:^|[\s"'=])\/etc\/nginx\/conf\.d(?:[/\s"']|$)/;
/** Commands that put a file where their arguments say. */
const WRITERS = new Set(["cp", "mv", "ln", "install", "tee", "curl", "wget", "rsync", "envsubst"]);

const NOTE =
  "Alpine's nginx package reads /etc/nginx/conf.d/*.conf in the main context of its nginx.conf, outside http {}, and server configs from /etc/nginx/http.d/*.conf (Debian's read conf.d inside http {}): a server {} block here stops nginx at start (\"server\" directive is not allowed here); copy it into /etc/nginx/http.d/ instead, or bring an nginx.conf that includes conf.d inside http {}";

/**
 * A converted stage with nginx from apt (its own install, or a stage it is built FROM) that puts
 * a configuration into /etc/nginx/conf.d: flagged at that COPY/ADD or RUN. The official nginx
 * image includes conf.d inside http {} on Debian and Alpine alike, and a stage that brings its
 * own nginx.conf decides for itself.
 */
export function flagNginxConfD(ctx: MigrationContext, infos: readonly StageInfo[]): void {
  for (const info of infos) {
    if (!info.alpine || info.already || info.kept) continue;
    const installed = ctx.debianByStage.get(info.stage.index);
    if (![...(installed ?? [])].some((n) => DEBIAN_NGINX.has(n))) continue;
    if (baseRepository(ctx, info.stage) === "nginx") continue;
    if (chain(info.stage).some((s) => s.body.some((ins) => writesNginxConf(ctx, ins)))) continue;
    for (const ins of info.stage.body) {
      if (writesConfD(ctx, ins)) ctx.warn("apt", ins.start, NOTE);
    }
  }
}

function chain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) out.push(s);
  return out;
}

/** The destination of a COPY/ADD, as written (shell or exec form). */
function destination(ins: Instruction): string | undefined {
  const { rest } = splitFlags(ins.args.text);
  const args = ins.args.text.slice(rest).trim();
  if (ins.form === "exec") {
    try {
      const words: unknown = JSON.parse(args);
      return Array.isArray(words) ? String(words[words.length - 1]) : undefined;
    } catch {
      return undefined;
    }
  }
  const words = splitWords(args);
  return words[words.length - 1]?.text.replace(/^["']|["']$/g, "");
}

/** The stage brings its own nginx.conf (a COPY of it, or of the whole /etc/nginx, or a RUN on it). */
function writesNginxConf(ctx: MigrationContext, ins: Instruction): boolean {
  if (ins.keyword === "COPY" || ins.keyword === "ADD") {
    return /^\/etc\/nginx(?:\/|\/nginx\.conf)?$/.test(destination(ins) ?? "");
  }
  if (ins.keyword !== "RUN") return false;
  return /\/etc\/nginx\/nginx\.conf\b/.test(ctx.text.slice(ins.start, ins.end));
}

/**
 * A COPY/ADD into conf.d, or a RUN, CMD or ENTRYPOINT whose shell writes there (a redirection,
 * or the destination of cp, tee, envsubst …): a container that renders its config at start
 * (`envsubst < t > /etc/nginx/conf.d/default.conf && exec nginx`) is stopped the same way.
 */
function writesConfD(ctx: MigrationContext, ins: Instruction): boolean {
  if (ins.keyword === "COPY" || ins.keyword === "ADD") return CONF_D.test(destination(ins) ?? "");
  if (ins.keyword === "RUN" && ins.form !== "exec") {
    try {
      return runScripts(ctx, ins).some((src) => commandsWrite(simpleCommands(src.script), 0));
    } catch {
      return false;
    }
  }
  if (ins.keyword !== "RUN" && ins.keyword !== "CMD" && ins.keyword !== "ENTRYPOINT") return false;
  // Docker runs a shell-form CMD/ENTRYPOINT through /bin/sh -c; an exec form only its `sh -c`.
  if (ins.form !== "exec") return scriptWrites(ins.args.text, 0);
  const words = execWords(ins.args.text)?.map((w) => w.value) ?? [];
  // The shell may come after an init or privilege wrapper (tini --, su-exec USER).
  for (let k = 0; k < words.length; k++) {
    const at = shellScriptIndex(words.slice(k));
    if (at !== undefined) return scriptWrites(words[k + at]!, 0);
  }
  return false;
}

/** Nested `sh -c` scripts are read this deep. */
const MAX_DEPTH = 3;

function scriptWrites(script: string, depth: number): boolean {
  try {
    return commandsWrite(simpleCommands(parseScript(script)), depth);
  } catch {
    return false;
  }
}

function commandsWrite(commands: readonly SimpleCommand[], depth: number): boolean {
  return commands.some((c) => {
    if (c.redirects.some((r) => /^\d*>>?\|?\s*["']?\/etc\/nginx\/conf\.d\//.test(r.raw)))
      return true;
    const name = (c.name ?? "").replace(/^.*\//, "");
    if (WRITERS.has(name) && c.args.slice(1).some((a) => CONF_D_IN.test(a.raw))) return true;
    if (depth >= MAX_DEPTH) return false;
    // A script that expands a variable has no literal value: read it without its outer quotes.
    const words = c.args.map((a) => a.value ?? a.raw.replace(/^(["'])([\s\S]*)\1$/, "$2"));
    const at = shellScriptIndex(words);
    return at !== undefined && scriptWrites(words[at]!, depth + 1);
  });
}
