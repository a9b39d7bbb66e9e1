import type { MigrationContext } from "../migrate/context.js";
import { familiarRepository } from "./images.js";

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
    if (!m) continue;
    const name = m[1]!;
    let after = familiarName(name) === from ? to : undefined;
    // A mirror's depName (`public.ecr.aws/docker/library/debian`) keeps its registry path.
    if (after === undefined && familiarRepository(name) === from && !from.includes("/"))
      after = `${name.slice(0, name.lastIndexOf("/") + 1)}${to}`;
    if (after === undefined) continue;
    const at = c.start + m.index + "depName=".length;
    ctx.edit("renovate", at, at + name.length, after);
  }
}

function familiarName(name: string): string {
  return name.replace(/^docker\.io\//, "").replace(/^library\//, "");
}
