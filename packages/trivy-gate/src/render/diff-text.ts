import type { Diff, DiffEntry } from "../evaluation.js";
import { quoted } from "../message-text.js";
import { osSuffix } from "./common.js";
import { shownEntry } from "./fields.js";
import type { Style } from "./options.js";

export function diffTextLines(d: Diff, st: Style, max: number): string[] {
  const base = quoted(d.baseline.artifactName ?? d.baseline.source);
  const os = osSuffix(d.baseline.os);
  const lines = [
    st.bold(`Compared with ${base}${os}:`),
    `  removed ${d.removed.length}, added ${d.added.length}, unchanged ${d.unchanged.length}, now fixable ${d.nowFixable.length}, severity changed ${d.severityChanged.length}`,
    `  by CVE only: ${d.cves.removed.length} gone, ${d.cves.added.length} new, ${d.cves.unchanged.length} in both`,
  ];
  const list = (title: string, entries: DiffEntry[]) => {
    if (!entries.length) return;
    lines.push(`  ${title}:`);
    for (const x of entries.slice(0, max).map(shownEntry))
      lines.push(
        `    ${x.severity.padEnd(8)} ${x.id}  ${x.package} ${x.installed}${x.before && x.before.severity !== x.severity ? ` (was ${x.before.severity})` : ""}`,
      );
    if (entries.length > max) lines.push(st.dim(`    … and ${entries.length - max} more`));
  };
  list("removed", d.removed);
  list("added", d.added);
  list("now fixable", d.nowFixable);
  list("severity changed", d.severityChanged);
  return lines;
}
