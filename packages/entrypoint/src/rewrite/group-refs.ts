import type { SimpleCommand } from "../shell/scan.js";

/**
 * How a later command refers to a group the script created earlier with a GID. The GID word is
 * used only when nothing between the two commands can skip the creation or change the GID
 * (straight-line code, no write to the variable); otherwise the creating call's printed name is
 * captured into a variable the rewrite introduces, and the later command falls back to the
 * original name when the creation did not run.
 */
export interface GroupOrigin {
  name: string;
  gid: string;
  cmd: SimpleCommand;
  /** Set by the rewrite once the creating command has its replacement; turns it into a capture. */
  capture?: () => boolean;
  captured?: boolean;
  /** The variable holding the printed name, when the script captures it itself. */
  variable?: string;
}

const CONTROL =
  /(^|[\s;&|(){}])(if|then|else|elif|fi|do|done|while|until|case|esac|for|in|function|select)(?=[\s;&|(){}]|$)/;

export class GroupRefs {
  private readonly origins = new Map<string, GroupOrigin>();
  private readonly inert: Array<[number, number]>;

  constructor(
    private readonly text: string,
    inert: Array<[number, number]>,
    private readonly commands: SimpleCommand[],
  ) {
    this.inert = [...inert].sort((a, b) => a[0] - b[0]);
  }

  define(name: string, gid: string, cmd: SimpleCommand): void {
    this.origins.set(name, { name, gid, cmd });
  }

  /**
   * A shim call the rewrite wrote on an earlier run (or the author did) makes the group too:
   * `alpinize_ensure_group docker 999 >/dev/null`, or `v=$(alpinize_ensure_group docker 999)`
   * whose variable later commands use, so a rerun still knows `docker` may not exist.
   */
  defineEnsured(name: string, gid: string, cmd: SimpleCommand): void {
    const before = this.text.slice(Math.max(0, cmd.start - 200), cmd.start);
    const m = /(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=\$\(\s*$/.exec(before);
    const origin: GroupOrigin = { name, gid, cmd };
    if (cmd.depth === 1 && m) Object.assign(origin, { captured: true, variable: m[1] });
    this.origins.set(name, origin);
  }

  origin(name: string): GroupOrigin | undefined {
    return this.origins.get(name);
  }

  /** True until the script makes a group with a GID: no word can name one before that. */
  get empty(): boolean {
    return this.origins.size === 0;
  }

  /** The GID of group `name` when the command that made it ends at or before `offset`. */
  madeBefore(name: string, offset: number): string | undefined {
    const o = this.origins.get(name);
    return o && o.cmd.end <= offset ? o.gid : undefined;
  }

  /** The word that names group `name` for the command `at`. */
  ref(name: string, at: SimpleCommand): string {
    const o = this.origins.get(name);
    if (!o) return name;
    if (this.gidStillHolds(o, at)) return o.gid;
    if (o.captured || o.capture?.()) {
      o.captured = true;
      return `"\${${o.variable ?? captureVariable(name)}:-${name}}"`;
    }
    return name;
  }

  private gidStillHolds(o: GroupOrigin, at: SimpleCommand): boolean {
    const vars = gidVariables(o.gid);
    if (vars === undefined || at.start < o.cmd.end) return false;
    if (precededByAndOr(this.text, o.cmd.start)) return false;
    const between = this.text.slice(o.cmd.end, at.start).replace(/^\s*\|\|\s*(true|:)\b/, "");
    const skeleton = this.skeleton(o.cmd.end, at.start);
    if (CONTROL.test(skeleton)) return false;
    if (/[(){}&]|;;/.test(skeleton.replace(/&&|\|\|/g, ""))) return false;
    return vars.every((v) => !writes(between, v));
  }

  /** The text between two offsets with words of scanned commands and inert ranges blanked. */
  private skeleton(from: number, to: number): string {
    const chars = this.text.slice(from, to).split("");
    const blank = (a: number, b: number) => {
      for (let i = Math.max(a, from); i < Math.min(b, to); i++) chars[i - from] = " ";
    };
    // Inert ranges never overlap: the first that may reach `from` starts at or before it.
    const first = Math.max(0, lowerBound(this.inert, from, (r) => r[0]) - 1);
    for (let i = first; i < this.inert.length && this.inert[i]![0] < to; i++) {
      const [a, b] = this.inert[i]!;
      if (b > from) blank(a, b);
    }
    // Commands come sorted by start; the creating one is at top level, so none before it reaches in.
    for (
      let i = lowerBound(this.commands, from, (c) => c.start);
      i < this.commands.length && this.commands[i]!.start < to;
      i++
    ) {
      const c = this.commands[i]!;
      // The first word of a command is where `case`, `for` and friends sit: keep it visible.
      c.words.forEach((w, i) => {
        if (i > 0 || !/^(case|esac|for|select|function)$/.test(w.text)) blank(w.start, w.end);
      });
      for (const r of c.redirects) blank(r.start, r.end);
    }
    return chars.join("");
  }
}

/** Index of the first item whose key is at least `at`, in items sorted by key. */
function lowerBound<T>(items: T[], at: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function captureVariable(name: string): string {
  return `alpinize_group_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** Variables a GID word reads; undefined when it depends on more (positional, `$( )`, …). */
function gidVariables(word: string): string[] | undefined {
  if (/^\d+$/.test(word)) return [];
  if (/[`\\]|\$\(/.test(word)) return undefined;
  const vars: string[] = [];
  const stripped = word.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g, (_m, v: string) => {
    vars.push(v);
    return "";
  });
  if (stripped.includes("$")) return undefined;
  return vars;
}

function precededByAndOr(text: string, start: number): boolean {
  return /(&&|\|\||\|)\s*$/.test(text.slice(Math.max(0, start - 200), start));
}

/** Anything in `between` that may set `name`: every mention other than a plain read. */
function writes(between: string, name: string): boolean {
  const re = new RegExp(`(^|[^A-Za-z0-9_])${name}(?![A-Za-z0-9_])`, "g");
  for (const m of between.matchAll(re)) {
    const at = m.index + m[1]!.length;
    const before = between.slice(Math.max(0, at - 2), at);
    const after = between.slice(at + name.length, at + name.length + 2);
    if (before.endsWith("$")) continue;
    if ((before === "${" || before === "{#") && !/^:?=/.test(after)) continue;
    return true;
  }
  return false;
}
