import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { simpleCommands } from "../shell/script.js";
import type { Stage } from "../stages.js";
import { baseRepository } from "./base-image.js";
import type { StageInfo } from "./from.js";
import { runScripts } from "./run.js";

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

function writesConfD(ctx: MigrationContext, ins: Instruction): boolean {
  if (ins.keyword === "COPY" || ins.keyword === "ADD") return CONF_D.test(destination(ins) ?? "");
  if (ins.keyword !== "RUN" || ins.form === "exec") return false;
  try {
    return runScripts(ctx, ins).some((src) =>
      simpleCommands(src.script).some((c) => {
        if (c.redirects.some((r) => /^\d*>>?\|?\s*["']?\/etc\/nginx\/conf\.d\//.test(r.raw)))
          return true;
        const name = (c.name ?? "").replace(/^.*\//, "");
        return WRITERS.has(name) && c.args.slice(1).some((a) => CONF_D_IN.test(a.raw));
      }),
    );
  } catch {
    return false;
  }
}
