import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { InputError } from "@alpinize/errors";
import { type CheckTarget, classifyPath } from "@alpinize/repo";

/** Turns `DIR|FILE…` into check targets; a missing path is bad input (exit 2). */
export async function resolveTargets(paths: string[], cwd: string): Promise<CheckTarget[]> {
  const targets: CheckTarget[] = [];
  for (const given of paths.length > 0 ? paths : ["."]) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      throw new InputError("ALPINIZE_CHECK_NOT_FOUND", `alpinize check: ${given} does not exist`, {
        hint: "Pass a directory, a Dockerfile or an entrypoint script.",
        details: { file: given },
      });
    }
    if (info.isDirectory()) targets.push({ path, kind: "directory" });
    else
      targets.push({
        path,
        kind:
          classifyPath(given.replace(/\\/g, "/")) === "dockerfile" || !isScriptName(given)
            ? "dockerfile"
            : "script",
      });
  }
  return targets;
}

function isScriptName(path: string): boolean {
  return /\.(?:sh|bash|ash)$/.test(path) || /entrypoint/i.test(path.split(/[\\/]/).pop() ?? "");
}
