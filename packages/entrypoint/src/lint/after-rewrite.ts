import type { RewriteResult } from "../rewrite/types.js";
import type { LintFinding, LintRule } from "./finding.js";
import { lintEntrypoint } from "./lint.js";

/**
 * Rules whose findings the rewrite fixes on the lines it edits. su-exec-group is among them
 * because alpinize_exec_as runs USER:GROUP on every image with the same meaning, and the edit
 * itself says that the supplementary groups are dropped.
 */
const FIXED_BY_REWRITE = new Set<LintRule>([
  "group-name",
  "shadow-tool",
  "gosu",
  "su-exec-group",
  "hidden-failure",
  "nologin-path",
  "runuser",
  "setpriv",
]);

/**
 * The findings on the original script that its rewrite leaves, at positions in the original:
 * what still needs a hand edit. A shadow-tool finding goes only with an edit at its own word, so
 * a call left on a line where another is rewritten (`x=$(groupadd …); groupadd …`) stays, and
 * so does a group name the rewrite warns it left (`$(getent group docker)` beside `chgrp 999`).
 */
export function findingsLeftAfterRewrite(text: string, result: RewriteResult): LintFinding[] {
  const edits = result.edits.filter((e) => e.rule !== "source-shims");
  const lines = new Set(edits.map((e) => e.line));
  const words = new Set(edits.map((e) => `${e.line}:${e.column}`));
  const leftNames = new Set(
    result.warnings.filter((w) => w.rule === "group-name").map((w) => `${w.line}:${w.column}`),
  );
  const fixed = (f: LintFinding) => {
    const at = `${f.line}:${f.column}`;
    if (f.rule === "shadow-tool") return words.has(at);
    return lines.has(f.line) && !(f.rule === "group-name" && leftNames.has(at));
  };
  return lintEntrypoint(text).filter((f) => !(FIXED_BY_REWRITE.has(f.rule) && fixed(f)));
}
