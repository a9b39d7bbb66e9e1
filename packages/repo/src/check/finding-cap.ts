import type { Finding, RuleId } from "./types.js";

/**
 * Findings of one rule listed one by one per Dockerfile; the rest are one summary finding. A file
 * of 262,000 RUN lines of `echo 'a\tb'` made as many `echo-escapes` findings (a per-instruction
 * cap does not bound them), and `check` ran out of a 512 MiB heap.
 */
export const FINDINGS_LISTED = 1000;

interface Rest {
  first: Finding;
  last: number;
  count: number;
  severity: Finding["severity"];
}

/**
 * Keeps the first `limit` findings of each rule of a file in `into` and counts the rest. `close`
 * appends one summary per rule that had more: at the first left out, an error when any left out
 * was one, so a cap never turns a failing check into a passing one.
 */
export function findingCap(into: Finding[], limit = FINDINGS_LISTED) {
  const listed = new Map<RuleId, number>();
  const rest = new Map<RuleId, Rest>();
  return {
    add(f: Finding): void {
      const n = listed.get(f.rule) ?? 0;
      if (n < limit) {
        listed.set(f.rule, n + 1);
        into.push(f);
        return;
      }
      const r = rest.get(f.rule);
      const count = f.more ?? 1;
      if (!r) {
        rest.set(f.rule, { first: f, last: f.line, count, severity: f.severity });
        return;
      }
      r.last = f.line;
      r.count += count;
      if (f.severity === "error") r.severity = "error";
    },
    close(): void {
      for (const [rule, r] of rest) into.push(summary(rule, r, limit));
    },
  };
}

function summary(rule: RuleId, r: Rest, limit: number): Finding {
  const { file, line, column } = r.first;
  const lines = r.last === line ? `line ${line}` : `lines ${line}-${r.last}`;
  return {
    file,
    line,
    ...(column === undefined ? {} : { column }),
    rule,
    severity: r.severity,
    message: `${r.count} more ${rule} findings in this file (${lines}), past the first ${limit}: not listed one by one; fix the ones listed the same way (alpinize migrate rewrites what it can) and run check again`,
    more: r.count,
  };
}
