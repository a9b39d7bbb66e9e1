import { readStage } from "../discover/scripts.js";
import { stageChain } from "../dockerfile/stage-links.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { instructionWords } from "../dockerfile/words.js";
import { apkAdded, runCommands } from "./apk-history.js";
import { describeStep, pathSteps, trimSlash } from "./apt-paths.js";
import { type LayoutAdvice, rootRepository } from "./debian-layout.js";
import { bringsOwnNginxConf } from "./nginx-conf-d.js";
import { supervisordConfigs } from "./supervisord-config.js";

export interface UnreadConfig {
  line: number;
  message: string;
}

/**
 * A folder Debian's package configuration includes and the Alpine package's does not: Debian's
 * nginx.conf includes sites-enabled/* (whose files link to sites-available), Alpine's (aports
 * main/nginx) only http.d/*.conf; Debian's supervisord.conf includes conf.d/*.conf, Alpine's
 * (aports main/supervisor, /etc/supervisord.conf) only /etc/supervisor.d/*.ini; Debian's
 * apache2.conf includes sites-/conf-/mods-enabled, Alpine's httpd.conf only conf.d/*.conf.
 * What Alpine has instead is migrate's layout note on the folder (LayoutAdvice.path).
 */
interface IncludeFolder {
  /** The folder, unanchored (as a RUN names it beside an `include`). */
  folder: RegExp;
  /** The apk package whose configuration would have to include the folder. */
  pkg: string;
  /** The program that reads that configuration. */
  server: string;
  /** The stage (or one it builds on) brings or edits the package's main configuration. */
  ownConfig: (stage: StageInfo, stages: readonly StageInfo[]) => boolean;
}

const FOLDERS: readonly IncludeFolder[] = [
  {
    folder: /\/etc\/nginx\/sites-(?:available|enabled)(?![\w.-])/,
    pkg: "nginx",
    server: "nginx",
    ownConfig: (stage, stages) =>
      rootRepository(stage, stages) === "nginx" ||
      stageChain(stage, stages).some(bringsOwnNginxConf),
  },
  {
    folder: /\/etc\/supervisor\/conf\.d(?![\w.-])/,
    pkg: "supervisor",
    server: "supervisord",
    ownConfig: (stage, stages) => stageChain(stage, stages).some(ownSupervisorConf),
  },
  {
    folder: /\/etc\/apache2\/(?:sites|conf|mods)-(?:available|enabled)(?![\w.-])/,
    pkg: "apache2",
    server: "httpd",
    ownConfig: (stage, stages) =>
      stageChain(stage, stages).some(
        (s) =>
          names(s, /^\/etc\/apache2(?:\/httpd\.conf)?\/?$/) ||
          s.runs.some((r) => r.text.includes("/etc/apache2/httpd.conf")),
      ),
  },
];

/**
 * COPY/ADD destinations and RUN writes (cp, tee, a redirection, ln …) into a folder of Debian's
 * package layout that the configuration of the Alpine package the stage installs never includes:
 * the image builds and the server starts, without the file. Left alone: a stage that brings or
 * edits the main configuration (which may include the folder), a RUN naming the folder next to an
 * `include`, and a file a RUN links or copies on into a folder Alpine's configuration reads.
 */
export function unreadConfigs(
  stage: StageInfo,
  stages: readonly StageInfo[],
  advice: LayoutAdvice,
): UnreadConfig[] {
  const added = apkAdded(stage, stages);
  const live = FOLDERS.filter((f) => added.has(f.pkg) && !f.ownConfig(stage, stages));
  if (live.length === 0) return [];
  const chain = stageChain(stage, stages);
  const passedOn = movedOn(chain, advice);
  const out: UnreadConfig[] = [];
  const judge = (line: number, what: string, path: string) => {
    const f = live.find((x) => x.folder.exec(path)?.index === 0);
    if (!f || passedOn(path) || includes(chain, f)) return;
    const folder = f.folder.exec(path)![0];
    const note = advice.path(folder);
    if (note === undefined) return;
    out.push({
      line,
      message: `${what} in Alpine stage ${stage.name}, which installs Alpine's ${f.pkg}: its configuration never includes ${folder}, so what lands there is not loaded (the image builds and ${f.server} starts without it); ${note}`,
    });
  };
  for (const copy of readStage(stage.body).copies)
    judge(copy.line, `COPY into ${copy.destination}`, trimSlash(copy.destination));
  for (const run of stage.runs)
    for (const { cmd, line } of runCommands(run))
      for (const step of pathSteps(cmd))
        if (step.kind === "write") judge(line, describeStep(cmd, step), step.path);
  return dedupe(out);
}

/** One finding a line: a RUN writing several files there is one problem. */
function dedupe(found: UnreadConfig[]): UnreadConfig[] {
  const seen = new Set<number>();
  return found.filter((f) => !seen.has(f.line) && seen.add(f.line));
}

/**
 * Whether a path under one of the folders is linked, copied or moved on by a RUN of the chain to
 * a place Alpine's configuration reads (`ln -s /etc/nginx/sites-available/app
 * /etc/nginx/http.d/app.conf`): the file is loaded from there.
 */
function movedOn(chain: readonly StageInfo[], advice: LayoutAdvice): (path: string) => boolean {
  const sources: string[] = [];
  for (const s of chain)
    for (const run of s.runs)
      for (const { cmd } of runCommands(run)) {
        const writes = pathSteps(cmd).filter((p) => p.kind === "write");
        if (writes.length === 0 || writes.some((w) => advice.path(trimSlash(w.path)))) continue;
        for (const a of cmd.args) if (a.startsWith("/")) sources.push(trimSlash(a));
      }
  return (path) =>
    sources.some((s) => s === path || s.startsWith(`${path}/`) || path.startsWith(`${s}/`));
}

/** A RUN (or CMD/ENTRYPOINT) that names the folder beside an `include` (echo 'include …' >> …). */
function includes(chain: readonly StageInfo[], f: IncludeFolder): boolean {
  return chain.some((s) =>
    s.body.some(
      (ins) =>
        /^(?:RUN|CMD|ENTRYPOINT)$/.test(ins.keyword) &&
        /\binclude\b/i.test(ins.args.text) &&
        f.folder.test(ins.args.text),
    ),
  );
}

/**
 * The stage brings supervisord a main configuration of its own: a COPY or a RUN on Debian's or
 * Alpine's supervisord.conf, or a supervisord started with -c on another file (which may include
 * conf.d; Debian's missing one is supervisordConfig's error).
 */
function ownSupervisorConf(stage: StageInfo): boolean {
  const main = /^\/etc\/(?:supervisor\/)?supervisord\.conf$|^\/etc\/supervisor\/?$/;
  if (names(stage, main)) return true;
  if (stage.runs.some((r) => /\/etc\/supervisord\.conf\b/.test(r.text))) return true;
  return stage.body.some((ins) => {
    if (!/^(?:RUN|CMD|ENTRYPOINT)$/.test(ins.keyword)) return false;
    const words =
      ins.keyword !== "RUN" && ins.form === "exec"
        ? instructionWords(ins.args.text)
        : ["/bin/sh", "-c", ins.args.text];
    return supervisordConfigs(words).some((c) => !PACKAGED_CONF.test(c.path));
  });
}

/** The main configuration Debian's supervisor package installs, and Alpine's. */
const PACKAGED_CONF = /^\/etc\/(?:supervisor\/)?supervisord\.conf$/;

/** A COPY/ADD of the stage lands on a path `re` matches. */
function names(stage: StageInfo, re: RegExp): boolean {
  return readStage(stage.body).copies.some((c) => re.test(c.destination));
}
