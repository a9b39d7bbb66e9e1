import { readStage } from "../discover/scripts.js";
import { type ShellCommand, scanCommands } from "../dockerfile/commands.js";
import { stageChain } from "../dockerfile/stage-links.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { formScript } from "../dockerfile/words.js";
import { apkAdded, runCommands } from "./apk-history.js";
import { pathSteps } from "./apt-paths.js";
import { rootRepository } from "./debian-layout.js";

export interface ConfDWrite {
  line: number;
  message: string;
}

const CONF_D = /^\/etc\/nginx\/conf\.d(?:\/|$)/;
const OWN_NGINX_CONF = /^\/etc\/nginx(?:\/nginx\.conf)?\/?$/;

/**
 * Writes of a `.conf` into /etc/nginx/conf.d in an Alpine stage that installs Alpine's nginx:
 * its nginx.conf includes conf.d/*.conf in the main context, outside http {}, so a server {}
 * there stops nginx at start; Debian's (and the official nginx image's) include it inside http.
 * Left alone: stages built on the nginx image, stages that bring their own nginx.conf, and
 * stages that add an apk repository for nginx (nginx.org's packages keep conf.d in http).
 */
export function nginxConfDWrites(stage: StageInfo, stages: readonly StageInfo[]): ConfDWrite[] {
  if (!apkAdded(stage, stages).has("nginx") || rootRepository(stage, stages) === "nginx") return [];
  const chain = stageChain(stage, stages);
  if (chain.some(bringsOwnNginxConf)) return [];
  const where = (what: string) =>
    `${what} in Alpine stage ${stage.name}, which installs Alpine's nginx: its nginx.conf includes /etc/nginx/conf.d/*.conf outside http {}, so a server {} block there stops nginx at start ("server" directive is not allowed here); put server configs in /etc/nginx/http.d/ instead, or bring an nginx.conf that includes conf.d inside http {}`;
  const out: ConfDWrite[] = [];
  for (const copy of readStage(stage.body).copies) {
    const names = CONF_D.test(copy.destination) ? [copy.destination, ...copy.sources] : [];
    if (names.some(isConf))
      out.push({ line: copy.line, message: where(`COPY into ${copy.destination}`) });
  }
  for (const run of stage.runs) {
    const hit = runCommands(run).find((p) => writesConf(p.cmd));
    if (hit) out.push({ line: hit.line, message: where(`RUN writes ${hit.cmd.name} output`) });
  }
  for (const ins of stage.body) {
    if (ins.keyword !== "CMD" && ins.keyword !== "ENTRYPOINT") continue;
    // Docker runs a shell form through sh -c; the scan reads an exec form's `sh -c` script itself.
    if (scanCommands(formScript(ins.args.text, ins.form)).some(writesConf))
      out.push({ line: ins.line, message: where(`${ins.keyword} writes into /etc/nginx/conf.d`) });
  }
  return out.sort((a, b) => a.line - b.line);
}

function writesConf(cmd: ShellCommand): boolean {
  const steps = pathSteps(cmd).filter((s) => s.kind === "write" && CONF_D.test(s.path));
  if (steps.some((s) => isConf(s.path))) return true;
  // `cp site.conf /etc/nginx/conf.d/`: the file keeps its name.
  return steps.length > 0 && cmd.args.some(isConf);
}

function isConf(path: string): boolean {
  return /\.conf$/.test(path);
}

/** The stage COPYs an nginx.conf (or all of /etc/nginx), or a RUN edits it or adds nginx.org's repository. */
export function bringsOwnNginxConf(stage: StageInfo): boolean {
  if (readStage(stage.body).copies.some((c) => OWN_NGINX_CONF.test(c.destination))) return true;
  return stage.runs.some(
    (r) =>
      r.text.includes("/etc/nginx/nginx.conf") ||
      (r.text.includes("/etc/apk/repositories") && /nginx/.test(r.text)),
  );
}
