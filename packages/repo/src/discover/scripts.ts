import { lstat } from "node:fs/promises";
import { join, posix } from "node:path";
import { analyzeStages, type Instruction, parseDockerfile } from "@alpinize/dockerfile";
import { instructionWords, splitLeadingFlags } from "../dockerfile/words.js";

export type ScriptRole = "entrypoint" | "cmd" | "copied";

/** A script in the repository that a Dockerfile copies into its image. */
export interface ScriptReference {
  /** POSIX path relative to the repository root. */
  path: string;
  role: ScriptRole;
  dockerfile: string;
  /** Line of the COPY that brings it in. */
  line: number;
  /** Where it lands in the image. */
  destination: string;
}

interface Copy {
  sources: string[];
  destination: string;
  line: number;
}

const SCRIPT_NAME = /\.(?:sh|bash|ash)$/;

/**
 * Finds the scripts a Dockerfile COPYs from the build context (tried as the Dockerfile's own
 * folder, then the repository root) and tells which of them the image runs as ENTRYPOINT or CMD.
 * Only files that exist in the repository are returned.
 */
export async function findCopiedScripts(
  root: string,
  dockerfile: string,
  text: string,
): Promise<ScriptReference[]> {
  const doc = parseDockerfile(text, { fileName: dockerfile });
  const { stages } = analyzeStages(doc);
  const out = new Map<string, ScriptReference>();
  const contexts = uniq([posix.dirname(dockerfile), "."]);
  for (const stage of stages) {
    const copies = stage.body.filter(isContextCopy).map(readCopy);
    const runs = runTargets(stage.body);
    for (const copy of copies) {
      for (const source of copy.sources) {
        const found = await resolveSource(root, contexts, source);
        if (found === undefined) continue;
        const candidates = found.directory
          ? await filesRunFromDirectory(root, found.path, copy.destination, runs)
          : [{ path: found.path, destination: landingPath(copy, source) }];
        for (const { path, destination } of candidates) {
          const role = roleOf(destination, runs);
          if (role === "copied" && !SCRIPT_NAME.test(path)) continue;
          const previous = out.get(path);
          if (!previous || rank(role) > rank(previous.role)) {
            out.set(path, { path, role, dockerfile, line: copy.line, destination });
          }
        }
      }
    }
  }
  return [...out.values()].sort((a, b) => a.path.localeCompare(b.path));
}

function isContextCopy(ins: Instruction): boolean {
  if (ins.keyword !== "COPY" && ins.keyword !== "ADD") return false;
  return !/(^|\s)--from=/.test(ins.args.text);
}

function readCopy(ins: Instruction): Copy {
  const flagText = /^(?:\s*--\S+)*/.exec(ins.args.text)?.[0] ?? "";
  const { rest: leftover } = splitLeadingFlags(
    instructionWords(ins.args.text.slice(flagText.length)),
  );
  const words = leftover.filter((w) => !/^[a-z]+:\/\//i.test(w));
  return { sources: words.slice(0, -1), destination: words.at(-1) ?? "", line: ins.line };
}

/** The in-image paths ENTRYPOINT and CMD start (every word, so wrappers like tini are seen through). */
function runTargets(body: Instruction[]): Map<string, ScriptRole> {
  const targets = new Map<string, ScriptRole>();
  for (const ins of body) {
    if (ins.keyword !== "ENTRYPOINT" && ins.keyword !== "CMD") continue;
    const role: ScriptRole = ins.keyword === "ENTRYPOINT" ? "entrypoint" : "cmd";
    for (const word of instructionWords(ins.args.text)) {
      if (!targets.has(word)) targets.set(word, role);
    }
  }
  return targets;
}

function landingPath(copy: Copy, source: string): string {
  const dest = copy.destination;
  const base = posix.basename(source.replace(/\/+$/, ""));
  if (dest.endsWith("/") || copy.sources.length > 1) return posix.join(dest, base);
  return dest;
}

function roleOf(destination: string, runs: Map<string, ScriptRole>): ScriptRole {
  for (const [word, role] of runs) {
    if (word === destination || posix.basename(word) === posix.basename(destination)) {
      if (word.startsWith("/") && destination.startsWith("/") && word !== destination) continue;
      return role;
    }
  }
  return "copied";
}

/** A copied directory contributes the files ENTRYPOINT/CMD run from under its destination. */
async function filesRunFromDirectory(
  root: string,
  sourceDir: string,
  destination: string,
  runs: Map<string, ScriptRole>,
): Promise<{ path: string; destination: string }[]> {
  const destDir = destination.replace(/\/+$/, "");
  const out: { path: string; destination: string }[] = [];
  for (const word of runs.keys()) {
    if (!word.startsWith(`${destDir}/`)) continue;
    const suffix = word.slice(destDir.length + 1);
    if (suffix.includes("..")) continue;
    const path = posix.join(sourceDir, suffix);
    if (await isFile(root, path)) out.push({ path, destination: word });
  }
  return out;
}

async function resolveSource(
  root: string,
  contexts: string[],
  source: string,
): Promise<{ path: string; directory: boolean } | undefined> {
  if (source.includes("*") || source.includes("$") || source.includes("..")) return undefined;
  for (const context of contexts) {
    const rel = posix.normalize(posix.join(context, source)).replace(/\/+$/, "");
    if (rel.startsWith("..") || rel === ".") continue;
    const info = await lstat(join(root, rel)).catch(() => undefined);
    // A link is returned as a file so the plan can report it as skipped; it is never read.
    if (info?.isFile() || info?.isSymbolicLink()) return { path: rel, directory: false };
    if (info?.isDirectory()) return { path: rel, directory: true };
  }
  return undefined;
}

async function isFile(root: string, rel: string): Promise<boolean> {
  const info = await lstat(join(root, rel)).catch(() => undefined);
  return info?.isFile() === true || info?.isSymbolicLink() === true;
}

function rank(role: ScriptRole): number {
  return role === "entrypoint" ? 2 : role === "cmd" ? 1 : 0;
}

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}
