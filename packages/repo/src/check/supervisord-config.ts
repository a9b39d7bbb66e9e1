import { baseName, scanCommands } from "../dockerfile/commands.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { singleQuoted } from "../dockerfile/words.js";
import { rootImageShips } from "./busybox-no-applet.js";
import { containerStart, partAt, startsContainers } from "./container-start.js";
import type { LayoutAdvice } from "./debian-layout.js";
import type { DebianPaths } from "./debian-paths.js";
import { programStart } from "./debian-programs.js";
import { withNested } from "./nested.js";

export interface SupervisordConfig {
  line: number;
  message: string;
  severity: "error" | "warning";
}

/**
 * supervisord's short options that take a value (supervisor's options.py: -c configuration, -u
 * user, -m umask, -d directory, -l logfile, -y/-z log rotation, -e loglevel, -j pidfile,
 * -i identifier, -q childlogdir, -a minfds); the others (-n, -k, -t, -s, -h, -v) are flags.
 */
const VALUED_SHORT = new Set("cumdlyzejiqa");
/** Its long options that take a value, which getopt also reads from the next word. */
const VALUED_LONG =
  /^--(?:user|umask|directory|logfile|logfile_maxbytes|logfile_backups|loglevel|pidfile|identifier|childlogdir|minfds|minprocs|profile_options)$/;

/**
 * The configuration file supervisord's words name (`-c F`, `-cF`, `-nc F`, `--configuration F`,
 * `--configuration=F`, and getopt's unambiguous prefixes of it, `--co` on); undefined without one.
 */
export function supervisordConfigArg(args: readonly string[]): string | undefined {
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === "--" || !a.startsWith("-") || a === "-") return undefined;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      const value = eq < 0 ? undefined : a.slice(eq + 1);
      // `--c` is ambiguous (--childlogdir); from `--co` on getopt takes the prefix.
      if (name.length >= 4 && "--configuration".startsWith(name)) return value ?? args[k + 1];
      if (value === undefined && VALUED_LONG.test(name)) k++;
      continue;
    }
    for (let i = 1; i < a.length; i++) {
      if (!VALUED_SHORT.has(a[i]!)) continue;
      const value = i + 1 < a.length ? a.slice(i + 1) : args[++k];
      if (a[i] === "c") return value;
      break;
    }
  }
  return undefined;
}

/**
 * The ENTRYPOINT/CMD of an image an Alpine stage makes starts supervisord with `-c` naming a file
 * of Debian's layout (`/etc/supervisor/supervisord.conf`, which Debian's supervisor package
 * installs and Alpine's does not: it has /etc/supervisord.conf) that nothing in the Dockerfile
 * puts there: supervisord exits at start ("could not find config file"). An error on a base image
 * known not to have it, a warning on one whose contents alpinize does not know.
 */
export function supervisordConfig(
  stage: StageInfo,
  stages: readonly StageInfo[],
  advice: LayoutAdvice,
  made: DebianPaths,
): SupervisordConfig | undefined {
  if (!startsContainers(stage, stages)) return undefined;
  const start = containerStart(stage, stages);
  if (!start) return undefined;
  const [found] = supervisordConfigs(start.words);
  if (!found?.path.startsWith("/") || made.known(found.path)) return undefined;
  const note = advice.path(found.path);
  if (note === undefined) return undefined;
  const part = partAt(start, found.word);
  const known = rootImageShips(stage, stages)("supervisor") === false;
  const unless = known ? "" : " (unless its base image puts one there)";
  return {
    line: part.line,
    severity: known ? "error" : "warning",
    message: `${part.keyword} starts supervisord -c ${found.path} in Alpine stage ${stage.name}: Alpine has no ${found.path}${unless}, so supervisord exits at start ("could not find config file"); ${note}: pass -c /etc/supervisord.conf (or no -c) and put the program sections in /etc/supervisor.d/*.ini, or COPY a configuration of your own to ${found.path}`,
  };
}

/**
 * The -c files of the supervisord calls exec-form words start (past tini and su-exec, or in
 * `sh -c`), with the index of the word each call is at.
 */
export function supervisordConfigs(words: readonly string[]): { path: string; word: number }[] {
  const k = programStart(words);
  if (k === undefined) return [];
  const starts: number[] = [];
  let text = "";
  for (const word of words.slice(k)) {
    starts.push(text.length);
    text += `${singleQuoted(word)} `;
  }
  const out: { path: string; word: number }[] = [];
  for (const cmd of withNested(scanCommands(text))) {
    if (baseName(cmd.name) !== "supervisord") continue;
    const path = supervisordConfigArg(cmd.args);
    if (path !== undefined)
      out.push({ path, word: k + starts.findLastIndex((s) => s <= cmd.offset) });
  }
  return out;
}
