import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { type LinkFailure, linkFailure } from "@alpinize/bounded-read";
import { InputError, UsageError } from "@alpinize/errors";
import { type CheckTarget, classifyPath, isAmbiguousDockerfileName } from "@alpinize/repo";
import { cannotRead, readFailureHint } from "../../read-failure.js";
import { stdinTarget } from "./stdin.js";

/** Turns `DIR|FILE…|-` into check targets; a missing path is bad input (exit 2). */
export async function resolveTargets(paths: string[], cwd: string): Promise<CheckTarget[]> {
  if (paths.filter((p) => p === "-").length > 1) {
    throw new UsageError("alpinize check: - (standard input) is given more than once", {
      hint: "Standard input can be read once: pass - once, and the other files by path.",
    });
  }
  const targets: CheckTarget[] = [];
  for (const given of paths.length > 0 ? paths : ["."]) {
    if (given === "-") {
      targets.push(stdinTarget());
      continue;
    }
    const path = resolve(cwd, given);
    const info = await stat(path).catch((err: unknown) => {
      const link = linkFailure(path, err);
      if (link) throw linkError(given, link);
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      // ENOTDIR, ENAMETOOLONG, EACCES…: the name may well exist, so "does not exist" would mislead.
      if (typeof code === "string" && code !== "ENOENT") throw unreadable(given, code);
      return undefined;
    });
    if (!info) {
      throw new InputError("ALPINIZE_CHECK_NOT_FOUND", `alpinize check: ${given} does not exist`, {
        hint: "Pass a directory, a Dockerfile or an entrypoint script (- reads standard input).",
        details: { file: given },
      });
    }
    if (info.isDirectory()) targets.push({ path, kind: "directory" });
    else if (isComposeOrWorkflow(given)) throw notADockerfile(given);
    else targets.push({ path, kind: kindOfName(given) });
  }
  return targets;
}

function unreadable(given: string, code: string): InputError {
  return new InputError("ALPINIZE_CHECK_UNREADABLE", `alpinize check: ${cannotRead(given, code)}`, {
    hint: readFailureHint(code, { otherwise: "Check the path and its folders' permissions." }),
    details: { file: given, code },
  });
}

/** A dangling link is NOT_FOUND (naming its target), a link loop UNREADABLE. */
function linkError(given: string, { reason, hint, target }: LinkFailure): InputError {
  return new InputError(
    target === undefined ? "ALPINIZE_CHECK_UNREADABLE" : "ALPINIZE_CHECK_NOT_FOUND",
    `alpinize check: ${given}: ${reason}`,
    { hint, details: target === undefined ? { file: given } : { file: given, target } },
  );
}

/**
 * `file`: the name does not say (`/dev/fd/63`, `start`), or says both (`Dockerfile.sh`, as
 * `migrate DIR` and `check DIR` read it too), so check reads its first line.
 */
function kindOfName(given: string): CheckTarget["kind"] {
  if (classifyPath(given.replace(/\\/g, "/")) === "dockerfile") return "dockerfile";
  if (isAmbiguousDockerfileName(basename(given.replace(/\\/g, "/")))) return "file";
  return isScriptName(given) ? "script" : "file";
}

function isScriptName(path: string): boolean {
  return /\.(?:sh|bash|ash)$/.test(path) || /entrypoint/i.test(path.split(/[\\/]/).pop() ?? "");
}

function isComposeOrWorkflow(given: string): boolean {
  const kind = classifyPath(given.replace(/\\/g, "/"));
  return kind === "compose" || kind === "workflow";
}

/** Compose files and workflows name images; check reads Dockerfiles and scripts. */
function notADockerfile(given: string): InputError {
  const kind =
    classifyPath(given.replace(/\\/g, "/")) === "compose" ? "compose file" : "CI workflow";
  return new InputError(
    "ALPINIZE_CHECK_NOT_DOCKERFILE",
    `alpinize check: ${given} is a ${kind}, not a Dockerfile or script`,
    {
      hint: "Run alpinize check on the directory (or the Dockerfiles it builds); alpinize migrate DIR lists the images a compose file or workflow still names.",
      details: { file: given },
    },
  );
}
