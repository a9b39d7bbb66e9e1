import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { DEFAULT_PATH, pathAfterEnv } from "../search-path.js";
import { parseScript, type SimpleCommand, simpleCommands } from "../shell/script.js";
import { withoutTrailingSlashes } from "./trailing-slashes.js";

/** Scripts bigger than this are not scanned for commands (bounded work on untrusted input). */
const MAX_SCRIPT = 1024 * 1024;

export interface CopiedFile {
  source: string;
  content: string;
  instruction: Instruction;
}

/** Build-context files a stage COPYs/ADDs (not `--from`), read through `readContextFile`. */
export function copiedFiles(ctx: MigrationContext, body: Instruction[]): CopiedFile[] {
  const read = ctx.readContextFile;
  if (!read) return [];
  const out: CopiedFile[] = [];
  for (const ins of body) {
    if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
    const { flags, rest } = splitFlags(ins.args.text);
    if (flags.has("from") || ins.heredocs.length > 0) continue;
    const words = splitWords(ins.args.text.slice(rest)).map((w) =>
      w.text.replace(/^["']|["']$/g, ""),
    );
    for (const source of words.slice(0, -1)) {
      if (/[*?$]|^https?:|^\[/.test(source)) continue;
      const content = read(source);
      if (content !== undefined) out.push({ source, content, instruction: ins });
    }
  }
  for (const found of startedFromFolders(body, read)) {
    if (!out.some((f) => f.source === found.source)) out.push(found);
  }
  return out;
}

/** A folder of the build context copied into the image: `COPY bin/ /usr/local/bin/`, `COPY . .`. */
interface FolderCopy {
  source: string;
  dest: string;
  instruction: Instruction;
  /** `COPY scripts/*.sh /usr/local/bin/`: the file names the glob takes, straight into dest. */
  names?: RegExp;
}

/**
 * Scripts that ENTRYPOINT/CMD start out of a folder the stage copies whole (`COPY . /app` then
 * `CMD ["/app/bin/run.sh"]`, or `COPY scripts/ /usr/local/bin/` then `ENTRYPOINT ["run.sh"]`):
 * found by mapping the image path back into the context, since a folder cannot be read as one file.
 */
function startedFromFolders(
  body: readonly Instruction[],
  read: (path: string) => string | undefined,
): CopiedFile[] {
  const folders: FolderCopy[] = [];
  const programs: { path: string; workdir: string }[] = [];
  let workdir = "/";
  let path = DEFAULT_PATH;
  for (const ins of body) {
    if (ins.keyword === "WORKDIR") {
      const dir = unquote(ins.args.text.trim());
      workdir = dir.includes("$") ? "" : joinPath(workdir, dir);
    } else if (ins.keyword === "ENV") {
      path = pathAfterEnv(ins, path);
    } else if ((ins.keyword === "COPY" || ins.keyword === "ADD") && workdir) {
      const { flags, rest } = splitFlags(ins.args.text);
      if (flags.has("from") || ins.heredocs.length > 0) continue;
      const words = splitWords(ins.args.text.slice(rest)).map((w) => unquote(w.text));
      const dest = words.at(-1);
      if (!dest || dest.includes("$") || words.length !== 2) continue;
      const source = words[0]!;
      if (/\$|^https?:|^\[/.test(source)) continue;
      const glob = splitGlob(source);
      if (glob && !/[*?]/.test(glob[1] ?? "")) {
        const names = new RegExp(
          `^${glob[2]!
            .replace(/[.+^${}()|\\]/g, "\\$&")
            .replace(/\*/g, "[^/]*")
            .replace(/\?/g, "[^/]")}$`,
        );
        folders.push({
          source: glob[1] ?? ".",
          dest: joinPath(workdir, dest),
          instruction: ins,
          names,
        });
        continue;
      }
      if (/[*?]/.test(source) || read(source) !== undefined) continue;
      folders.push({ source, dest: joinPath(workdir, dest), instruction: ins });
    } else if ((ins.keyword === "ENTRYPOINT" || ins.keyword === "CMD") && workdir) {
      const first = programWord(ins);
      if (first) programs.push({ path: first, workdir });
    }
  }
  const out: CopiedFile[] = [];
  for (const prog of programs) {
    const candidates = prog.path.includes("/")
      ? [joinPath(prog.workdir, prog.path)]
      : path.filter((d) => d.startsWith("/")).map((d) => joinPath(d, prog.path));
    for (const image of candidates) {
      const hit = fromFolders(folders, image, read);
      if (hit) {
        out.push(hit);
        break;
      }
    }
  }
  return out;
}

/** The image path `image` read from the context through the last folder copy that covers it. */
function fromFolders(
  folders: readonly FolderCopy[],
  image: string,
  read: (path: string) => string | undefined,
): CopiedFile | undefined {
  for (const f of [...folders].reverse()) {
    const prefix = f.dest === "/" ? "/" : `${f.dest}/`;
    if (!image.startsWith(prefix)) continue;
    const rest = image.slice(prefix.length);
    if (f.names && (rest.includes("/") || !f.names.test(rest))) continue;
    const source =
      f.source === "." || f.source === "./" ? rest : `${withoutTrailingSlashes(f.source)}/${rest}`;
    if (rest.split("/").includes("..")) return undefined;
    const content = read(source);
    if (content !== undefined) return { source, content, instruction: f.instruction };
  }
  return undefined;
}

/** The program an ENTRYPOINT/CMD starts: its first word, or the script a shell is given. */
function programWord(ins: Instruction): string | undefined {
  const text = ins.args.text.trim();
  let words: string[];
  if (ins.form === "exec") {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) return undefined;
      words = parsed.filter((w): w is string => typeof w === "string");
    } catch {
      return undefined;
    }
  } else {
    words = splitWords(text).map((w) => unquote(w.text));
  }
  const [first, second] = words;
  if (
    first &&
    /^(?:\/(?:usr\/)?bin\/)?(?:ba|da|a)?sh$/.test(first) &&
    second &&
    !second.startsWith("-")
  )
    return second;
  return first && !first.includes("$") ? first : undefined;
}

function unquote(word: string): string {
  return word.replace(/^["']|["']$/g, "");
}

/** POSIX join of an image path with a relative or absolute one, `.`/`..` resolved. */
function joinPath(base: string, rel: string): string {
  const parts = (rel.startsWith("/") ? rel : `${base}/${rel}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return `/${out.join("/")}`;
}

/**
 * Command names run by COPYed shell scripts (an entrypoint calling envsubst), so the package map
 * can pick the smallest package that provides them.
 */
export function scriptCommands(files: CopiedFile[]): Set<string> {
  const names = new Set<string>();
  for (const f of files) {
    for (const c of shellCommands(f) ?? []) {
      if (c.name && /^[\w.+-]+$/.test(c.name.replace(/^.*\//, "")))
        names.add(c.name.replace(/^.*\//, ""));
    }
  }
  return names;
}

/** The commands of a copied shell script (by its shebang), or undefined if it is none or unreadable. */
export function shellCommands(f: CopiedFile): SimpleCommand[] | undefined {
  if (f.content.length > MAX_SCRIPT || !/^#!\s*\S*(?:\/|\s)(?:ba|da|a)?sh\b/.test(f.content))
    return undefined;
  try {
    return simpleCommands(parseScript(f.content));
  } catch {
    return undefined;
  }
}

/**
 * The groups of `^(?:(.*)\/)?([^/]*[*?][^/]*)$`: the folder before the last slash (none without
 * one) and the last part, which holds `*` or `?`. Read from the last slash: that expression tried
 * every slash and every star of a long path.
 */
export function splitGlob(source: string): [string, string | undefined, string] | undefined {
  const slash = source.lastIndexOf("/");
  const name = source.slice(slash + 1);
  if (!/[*?]/.test(name)) return undefined;
  if (slash === -1) return [source, undefined, source];
  // `.` stops at line breaks: the folder part cannot hold one.
  if (/[\n\r\u2028\u2029]/.test(source.slice(0, slash))) return undefined;
  return [source, source.slice(0, slash), name];
}
