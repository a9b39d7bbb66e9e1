import { InternalError } from "@alpinize/errors";

export type RuleId =
  | "from"
  | "apt"
  | "xx-apt"
  | "arch"
  | "users"
  | "shell"
  | "go-dns"
  | "debian-frontend"
  | "tini-gosu"
  | "glibc"
  | "locales"
  | "apt-repos"
  | "renovate"
  | "exec-form"
  | "busybox"
  | "musl"
  | "context";

/** Replace source `[start, end)` with `text`; an insertion has `start === end`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  rule: RuleId;
  /**
   * Goes after every other insertion at the same offset: a step appended after a command
   * (`&& ln -sf …`) stays behind the packages later rules append to that command.
   */
  last?: boolean;
}

/** Applies non-overlapping edits back to front; overlapping edits are a bug in a rule. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = edits
    .map((e, order) => ({ e, order }))
    .sort(
      (a, b) =>
        a.e.start - b.e.start ||
        a.e.end - b.e.end ||
        Number(a.e.last ?? false) - Number(b.e.last ?? false) ||
        a.order - b.order,
    )
    .map((x) => x.e);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (cur.start < prev.end) {
      throw new InternalError(
        `overlapping edits from rules ${prev.rule} and ${cur.rule} at offsets ${prev.start}-${prev.end} and ${cur.start}-${cur.end}`,
      );
    }
  }
  const parts: string[] = [];
  let pos = 0;
  for (const e of sorted) {
    parts.push(text.slice(pos, e.start), e.text);
    pos = e.end;
  }
  parts.push(text.slice(pos));
  return parts.join("");
}

const ROOT_BLOCK = /^(\r?\n)USER root\1([\s\S]*)\1USER (\S+)$/;

/**
 * Lines inserted at one place that each switch to root and back (`USER root` … `USER app`, from
 * two rules) become one block: the same steps, without a `USER app` / `USER root` pair between.
 */
export function mergeRootBlocks(edits: readonly Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const e of edits) {
    const m = e.start === e.end ? ROOT_BLOCK.exec(e.text) : null;
    const k = m
      ? out.findIndex((o) => {
          if (o.start !== e.start || o.end !== e.end) return false;
          const p = ROOT_BLOCK.exec(o.text);
          return p !== null && p[1] === m[1] && p[3] === m[3];
        })
      : -1;
    if (!m || k < 0) {
      out.push(e);
      continue;
    }
    const prev = ROOT_BLOCK.exec(out[k]!.text)!;
    const eol = m[1]!;
    out[k] = { ...out[k]!, text: `${eol}USER root${eol}${prev[2]}${eol}${m[2]}${eol}USER ${m[3]}` };
  }
  return out;
}
