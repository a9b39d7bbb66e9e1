import type { MigrationContext } from "../migrate/context.js";

/**
 * Rule 12: a `# renovate: datasource=docker depName=debian` comment right above the instruction
 * follows the image it describes.
 */
export function followRenovateComment(
  ctx: MigrationContext,
  instructionStart: number,
  from: string,
  to: string,
): void {
  const comments = ctx.doc.comments;
  let line = ctx.line(instructionStart) - 1;
  for (let k = comments.length - 1; k >= 0; k--) {
    const c = comments[k]!;
    if (c.line > line) continue;
    if (c.line < line) break;
    line--;
    if (!/renovate:/.test(c.text) || !/datasource=docker/.test(c.text)) continue;
    const m = /depName=(\S+)/.exec(c.text);
    if (!m || familiarName(m[1]!) !== from) continue;
    const at = c.start + m.index + "depName=".length;
    ctx.edit("renovate", at, at + m[1]!.length, to);
  }
}

function familiarName(name: string): string {
  return name.replace(/^docker\.io\//, "").replace(/^library\//, "");
}
