import { type AlpinizeError, isAlpinizeError } from "@alpinize/errors";
import type { ScriptReference } from "../discover/scripts.js";
import { lintScript, type ScriptTools, scriptSyntaxError } from "../lint-script.js";
import type { Transforms } from "../transforms.js";
import { internalFailure } from "./failures.js";
import { placeScriptWarnings } from "./output-lines.js";
import { needsAlpineRewrite, type ScriptScope } from "./script-scope.js";
import { mergedGroupNames, withoutDeclinedShadow } from "./script-tools.js";
import type { FilePlan, SkippedFile } from "./types.js";

/** The plan of one script a Dockerfile copies: rewritten when an image the migration covers runs it. */
export function planScript(
  path: string,
  before: string,
  refs: ScriptReference[],
  scope: ScriptScope,
  transforms: Transforms,
  unparsable: SkippedFile[],
  installed: ScriptTools = {},
): FilePlan | undefined {
  const role =
    refs.find((r) => r.role === "entrypoint")?.role ??
    refs.find((r) => r.role === "cmd")?.role ??
    "copied";
  const copiedBy = [...new Set(refs.map((r) => r.dockerfile))];
  if (role === "copied" || scope === "ignored") {
    return {
      ...(scope === "ignored" && role !== "copied" ? { kept: "images.ignore" as const } : {}),
      file: path,
      kind: "script",
      role,
      copiedBy,
      before,
      after: before,
      changed: false,
      warnings: [],
    };
  }
  try {
    const rewritten = transforms.rewriteEntrypoint(before, {
      fileName: path,
      ...(installed.suExec ? { execTool: "su-exec" as const } : {}),
      ...(installed.suExecRefusesUnknownUser ? { execToolRefusesUnknownUser: true } : {}),
    });
    // A script of an image that was Alpine already works there: only tools Alpine lacks need it.
    const result =
      scope === "alpine" && !needsAlpineRewrite(rewritten.edits ?? [])
        ? { ...rewritten, output: before, changed: false, edits: [] }
        : rewritten;
    // The linter sees the rewritten script (so fixed lines are not reported); its places are
    // mapped back so every finding names a place of the file as it is in the repository, and
    // each warning keeps where it is in the rewritten file too, for --write and --json.
    const placed = placeScriptWarnings(
      before,
      result.output,
      result.warnings,
      lintScript(transforms, result.output, path, installed),
    );
    const warnings = mergedGroupNames(
      placed.rewrite,
      withoutDeclinedShadow(placed.lint, placed.rewrite),
    );
    // A script the shell cannot parse is not migrated half-way: it is reported and left alone.
    const syntax = warnings.find((w) => w.rule === "syntax");
    if (syntax) {
      unparsable.push(scriptSyntaxError(path, syntax));
      return undefined;
    }
    return {
      file: path,
      kind: "script",
      role,
      copiedBy,
      before,
      after: result.output,
      changed: result.output !== before,
      warnings: dedupeWarnings(warnings),
      edits: result.edits ?? [],
    };
  } catch (err) {
    if (!isAlpinizeError(err) || err.exitCode !== 2) {
      unparsable.push(internalFailure(path, err));
      return undefined;
    }
    // The entrypoint transform's errors (CRLF endings, ...) may not say which file.
    const message = err.message.startsWith(`${path}:`) ? err.message : `${path}: ${err.message}`;
    unparsable.push({ file: path, message, code: err.code, ...scriptHint(err, path) });
    return undefined;
  }
}

/**
 * The entrypoint transform's hint, worded for the command that ran: it names the file it means
 * (FILE is the path) and says to run migrate again, not alpinize entrypoint.
 */
function scriptHint(err: AlpinizeError, path: string): { hint?: string } {
  if (!err.hint) return {};
  // A path the shell would split or expand stays FILE: the command is copied and pasted.
  const named = /^[\w./@+-]+$/.test(path) ? err.hint.replace(/\bFILE\b/g, path) : err.hint;
  const hint = named.replace(/run alpinize entrypoint again/g, "run alpinize migrate again");
  return { hint };
}

// Keyed on the column too: two words on one line (`"$(getent group docker)" "$(getent group
// docker)"`) are two findings with the same words, each to fix.
function dedupeWarnings<T extends { rule: string; line: number; column?: number; message: string }>(
  warnings: T[],
): T[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.rule}:${w.line}:${w.column}:${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
