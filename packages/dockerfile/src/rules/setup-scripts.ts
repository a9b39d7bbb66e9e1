/**
 * Vendors' install scripts that set up Debian's apt (or another distribution's package manager)
 * and install from there: none of them works on Alpine. migrate flags the step that fetches one;
 * check reports the step that runs one, piped into a shell or saved and run from a file. Both
 * read the same table and the same notion of "runs it", through setupScriptRuns.
 */

/** Docker's convenience script (get.docker.com, test.docker.com); its rootless variant is another script. */
const DOCKER_SCRIPT = /\b(?:get|test)\.docker\.com(?!\/rootless)/;

/** Any vendor setup script or apt repository host. */
export const SETUP_SCRIPT = new RegExp(
  [
    /deb\.nodesource\.com|setup_(?:\d+|lts|current)\.x/.source,
    /download\.docker\.com|packages\.microsoft\.com|apt\.postgresql\.org|packagecloud\.io/.source,
    DOCKER_SCRIPT.source,
  ].join("|"),
);

/** What a setup script is, why it fails on Alpine, and what to do instead. */
export interface SetupAdvice {
  /** Docker's own script, or one that sets up a vendor's apt repository. */
  kind: "docker" | "apt";
  what: string;
  why: string;
  instead: string;
}

/**
 * The advice for a setup script fetched from `url` (a word holding it will do). Docker's script
 * picks its package manager from /etc/os-release and knows Debian, Ubuntu, Raspbian, Fedora,
 * CentOS, RHEL and SLES only: on Alpine it exits with an unsupported-distribution error.
 */
export function setupScriptAdvice(url: string): SetupAdvice {
  const docker = DOCKER_SCRIPT.exec(url)?.[0];
  if (docker)
    return {
      kind: "docker",
      what: `Docker's convenience script (${docker})`,
      why: `it installs Docker from Docker's apt or dnf repositories and stops on Alpine with "Unsupported distribution 'alpine'"`,
      instead:
        "install Docker from Alpine community instead (apk add docker-cli; docker for the daemon, docker-cli-compose, docker-cli-buildx)",
    };
  return {
    kind: "apt",
    what: "a vendor's apt repository setup script",
    why: "it adds an apt source and runs apt-get, which Alpine does not have",
    instead:
      "install the package from Alpine main/community (e.g. nodejs npm, docker-cli, postgresql-client) or follow the vendor's Alpine instructions",
  };
}

/** A command as both scanners give it: its name and its words (literal text where known). */
export interface SetupCommand {
  name: string;
  args: readonly string[];
  /** Its standard input is the output of the command before it (`a | b`). */
  piped?: boolean;
}

/** A setup script fetched by commands[download] and run by commands[run]. */
export interface SetupRun {
  download: number;
  run: number;
  url: string;
}

const SHELLS = new Set(["sh", "bash", "dash", "ash", "zsh", "ksh"]);
/** Words that run the command after them, with their own options first. */
const WRAPPERS = new Set(["sudo", "doas", "env", "nice", "nohup", "command"]);

/**
 * Each vendor setup script the commands fetch and then run: `curl URL | bash -`, `wget -qO- URL |
 * sudo -E sh`, and `curl -o F URL && bash F`, `wget -O F URL; sh F`, `… && chmod +x F && ./F`.
 * A script that is only downloaded is not run; the run of its file is matched by file name.
 */
export function setupScriptRuns(commands: readonly SetupCommand[]): SetupRun[] {
  const out: SetupRun[] = [];
  commands.forEach((cmd, download) => {
    const inline = runsFetchedWord(cmd);
    if (inline !== undefined) {
      out.push({ download, run: download, url: inline });
      return;
    }
    const fetched = setupDownload(cmd);
    if (!fetched) return;
    const next = commands[download + 1];
    if (fetched.file === undefined) {
      if (next?.piped && readsScriptFromStdin(next))
        out.push({ download, run: download + 1, ...fetched });
      return;
    }
    const file = fetched.file;
    const run = commands.findIndex((c, k) => k > download && runsFile(c, file));
    if (run > download) out.push({ download, run, url: fetched.url });
  });
  return out;
}

/** A curl or wget call that fetches a setup script: its URL, and the file it writes (none: stdout). */
export function setupDownload(cmd: SetupCommand): { url: string; file?: string } | undefined {
  const tool = baseName(cmd.name);
  if (tool !== "curl" && tool !== "wget") return undefined;
  const url = cmd.args.find((a) => SETUP_SCRIPT.test(a));
  if (url === undefined) return undefined;
  const file = tool === "curl" ? curlOutput(cmd.args, url) : wgetOutput(cmd.args, url);
  return file === undefined || file === "-" ? { url } : { url, file };
}

/** `-o F`, `-oF`, `-fsSLo F`, `--output F`, `--output=F`; `-O` names it after the URL. */
function curlOutput(args: readonly string[], url: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--output") return args[i + 1];
    if (a.startsWith("--output=")) return a.slice("--output=".length);
    if (a === "--remote-name") return urlFileName(url);
    const short = lastLetterOption(a, "oO");
    if (!short || a.startsWith("--")) continue;
    if (short[2] === "O" && short[3] === "") return urlFileName(url);
    if (short[2] === "o") return short[3] !== "" ? short[3] : args[i + 1];
  }
  return undefined;
}

/** `-O F`, `-OF`, `-qO-`, `--output-document=F`; without them wget names the file after the URL. */
function wgetOutput(args: readonly string[], url: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--output-document") return args[i + 1];
    if (a.startsWith("--output-document=")) return a.slice("--output-document=".length);
    const short = lastLetterOption(a, "O");
    if (!short || a.startsWith("--")) continue;
    return short[3] !== "" ? short[3] : args[i + 1];
  }
  return urlFileName(url) || "index.html";
}

function urlFileName(url: string): string {
  const path = withoutQuery(url.replace(/^[a-z]+:\/\/[^/]*/i, ""));
  return baseName(path);
}

/** `bash`, `bash -`, `sh -s -- --channel stable`, `sudo -E bash -`: the script comes on stdin. */
function readsScriptFromStdin(cmd: SetupCommand): boolean {
  const shell = shellCall(cmd);
  return shell !== undefined && !shell.command && (shell.stdin || shell.operand === undefined);
}

/**
 * `bash F`, `sh -x F`, `. F`, `source F`, `./F`, `/tmp/F`, with F named as the download wrote it;
 * and `sh -c "$(curl … URL)"`, `bash <(curl … URL)`, which fetch and run in one word.
 */
function runsFile(cmd: SetupCommand, file: string): boolean {
  const first = unwrapped(cmd)[0];
  const name = baseName(file);
  if (first?.includes("/") && sameFile(first, name)) return true;
  const shell = shellCall(cmd);
  return shell?.operand !== undefined && !shell.command && sameFile(shell.operand, name);
}

/** A shell whose script is a word that fetches a setup script: `sh -c "$(curl -fsSL URL)"`. */
function runsFetchedWord(cmd: SetupCommand): string | undefined {
  const shell = shellCall(cmd);
  if (shell?.operand === undefined || !/\$\(|`|<\(/.test(shell.operand)) return undefined;
  if (!SETUP_SCRIPT.test(shell.operand)) return undefined;
  const urls = urlsIn(shell.operand);
  return urls.find((u) => SETUP_SCRIPT.test(u)) ?? shell.operand;
}

/**
 * The first operand of a shell call (`bash -o pipefail -x F` → F; `.`/`source` included), and
 * whether it is a `-c` script or the options say to read stdin (`-s`).
 */
function shellCall(
  cmd: SetupCommand,
): { operand: string | undefined; command: boolean; stdin: boolean } | undefined {
  const words = unwrapped(cmd);
  const name = baseName(words[0] ?? "");
  if (!SHELLS.has(name) && name !== "." && name !== "source") return undefined;
  let command = false;
  let stdin = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === "-") return { operand: undefined, command, stdin: true };
    if (w === "--") return { operand: words[i + 1], command, stdin };
    if (!/^[-+]/.test(w)) return { operand: w, command, stdin };
    if (/^[-+]o$/.test(w) || w === "--rcfile" || w === "--init-file") i++;
    else if (/^-[a-zA-Z]+$/.test(w)) {
      command ||= w.includes("c");
      stdin ||= w.includes("s");
    }
  }
  return { operand: undefined, command, stdin };
}

function sameFile(word: string, name: string): boolean {
  return name !== "" && baseName(word.replace(/^["']|["']$/g, "")) === name;
}

/** The command behind `sudo -E`, `env A=1`, `nice -n 5`. */
function unwrapped(cmd: SetupCommand): readonly string[] {
  let words = [cmd.name, ...cmd.args];
  while (words.length > 1 && WRAPPERS.has(baseName(words[0]!))) {
    let k = 1;
    while (k < words.length && (/^-/.test(words[k]!) || /^[A-Za-z_]\w*=/.test(words[k]!))) {
      k += /^-[ugCn]$/.test(words[k]!) ? 2 : 1;
    }
    words = words.slice(k);
  }
  return words;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * `^-([a-zA-Z]*)([oO])(.*)$` (with `letters` as the middle class): letters after the dash, the
 * last of them that is one of `letters`, and the rest, which holds no line break. Read once:
 * the expression tried every o of a long cluster, each time to a line break.
 */
export function lastLetterOption(
  word: string,
  letters: string,
): [string, string, string, string] | undefined {
  if (word[0] !== "-") return undefined;
  let end = 1;
  while (end < word.length && /[a-zA-Z]/.test(word[end] as string)) end++;
  if (LINE_BREAK.test(word.slice(end))) return undefined;
  for (let at = end - 1; at >= 1; at--) {
    if (letters.includes(word[at] as string))
      return [word, word.slice(1, at), word[at] as string, word.slice(at + 1)];
  }
  return undefined;
}

/** `path.replace(/[?#].*$/, "")`: from the first `?` or `#` after the last line break. */
export function withoutQuery(path: string): string {
  let lastBreak = -1;
  for (let i = path.length - 1; i >= 0; i--) {
    if (LINE_BREAK.test(path[i] as string)) {
      lastBreak = i;
      break;
    }
  }
  const rest = path.slice(lastBreak + 1);
  const query = rest.search(/[?#]/);
  return query === -1 ? path : path.slice(0, lastBreak + 1 + query);
}

/**
 * `text.match(/[a-z]+:\/\/[^\s'"`()]+/gi)`, found from each `://` back to the letters before it:
 * the expression tried every letter of a long word without one.
 */
export function urlsIn(text: string): string[] {
  const urls: string[] = [];
  let done = 0;
  for (let at = text.indexOf("://"); at !== -1; at = text.indexOf("://", at + 1)) {
    if (at < done) continue;
    let start = at;
    while (start > done && /[a-z]/i.test(text[start - 1] as string)) start--;
    let end = at + 3;
    while (end < text.length && !/[\s'"`()]/.test(text[end] as string)) end++;
    if (start === at || end === at + 3) continue;
    urls.push(text.slice(start, end));
    done = end;
  }
  return urls;
}
