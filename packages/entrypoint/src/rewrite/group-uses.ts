import { literal, type SimpleCommand, type Word } from "../shell/scan.js";
import type { GroupRefs } from "./group-refs.js";

/**
 * Later uses of a group the script created with a GID. `alpinize_ensure_group docker 999` leaves
 * `docker` missing on Alpine (GID 999 is `ping` there), so `chgrp docker`, `chown app:docker`,
 * `find -group docker`, `su -g docker` and `gosu app:docker` must name the group by its GID or by
 * the name the shim printed. These commands accept a GID wherever they accept a group name
 * (checked under musl busybox and GNU coreutils/findutils).
 */
export interface WordEdit {
  word: Word;
  after: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;

/** The edits that make `cmd` (name at `at`) refer to groups by GID or effective name. */
export function groupUseEdits(
  name: string,
  cmd: SimpleCommand,
  at: number,
  groups: GroupRefs,
): WordEdit[] | undefined {
  const args = cmd.words.slice(at + 1);
  const targets = groupWords(name, args);
  if (targets === undefined) return undefined;
  const edits: WordEdit[] = [];
  for (const t of targets) {
    const after = withGroup(t.word, t.kind, groups, cmd);
    if (after !== undefined) edits.push({ word: t.word, after });
  }
  return edits;
}

export type Kind = "group" | "owner";

/** Words of the command that name a group (`group`) or an OWNER[:GROUP] (`owner`). */
export function groupWords(
  name: string,
  args: Word[],
): Array<{ word: Word; kind: Kind }> | undefined {
  switch (name) {
    case "chgrp": {
      const first = firstOperand(args);
      return first ? [{ word: first, kind: "group" }] : [];
    }
    case "chown": {
      const first = firstOperand(args);
      return first ? [{ word: first, kind: "owner" }] : [];
    }
    case "find":
      return valuesOf(args, ["-group"]).map((word) => ({ word, kind: "group" as const }));
    case "su":
      return valuesOf(args, ["-g", "--group", "-G", "--supp-group"]).map((word) => ({
        word,
        kind: "group" as const,
      }));
    case "install":
      return valuesOf(args, ["-g", "--group"]).map((word) => ({ word, kind: "group" as const }));
    default:
      return undefined;
  }
}

/** The first word that is not an option; a `--reference` run names no group at all. */
function firstOperand(args: Word[]): Word | undefined {
  for (let i = 0; i < args.length; i++) {
    const lit = literal(args[i]!.text);
    if (lit === "--") return args[i + 1];
    if (lit?.startsWith("--reference")) return undefined;
    if (lit === undefined || !lit.startsWith("-") || lit === "-") return args[i];
  }
  return undefined;
}

/** Words after `-x` (or inside `--long=VALUE`, returned as the whole word). */
function valuesOf(args: Word[], options: string[]): Word[] {
  const out: Word[] = [];
  args.forEach((w, i) => {
    const lit = literal(w.text);
    if (lit !== undefined && options.includes(lit) && args[i + 1]) out.push(args[i + 1]!);
  });
  return out;
}

/** `USER:GROUP` with GROUP referred to through `groups`; undefined when nothing changes. */
export function ownerWithGroup(word: Word, groups: GroupRefs, at: SimpleCommand) {
  return withGroup(word, "owner", groups, at);
}

/** The word rewritten to refer to its group through `groups`; undefined when nothing changes. */
function withGroup(word: Word, kind: Kind, groups: GroupRefs, at: SimpleCommand) {
  const parts = split(word.text, kind);
  if (!parts || !groups.origin(parts.group)) return undefined;
  const ref = groups.ref(parts.group, at);
  if (ref === parts.group) return undefined;
  // In backquotes inside double quotes a bare `"` is undefined by POSIX; `\"` is read as `"`.
  const quoted = at.backquote === "double" ? ref.replaceAll('"', '\\"') : ref;
  return `${parts.prefix}${quoted}`;
}

/** `group` or `OWNER:group` as source text before the group, and the group's literal name. */
export function split(text: string, kind: Kind): { prefix: string; group: string } | undefined {
  const lit = literal(text);
  if (kind === "group")
    return lit !== undefined && NAME.test(lit) ? { prefix: "", group: lit } : undefined;
  if (lit !== undefined) {
    // busybox and coreutils take `OWNER.GROUP` when there is no `:`, splitting at the first dot.
    const colon = lit.includes(":") ? lit.indexOf(":") : lit.indexOf(".");
    const group = lit.slice(colon + 1);
    const owner = lit.slice(0, colon);
    if (colon < 0 || !NAME.test(group)) return undefined;
    return { prefix: /^[A-Za-z0-9_.-]*$/.test(owner) ? `${owner}:` : `'${owner}':`, group };
  }
  // "$user:docker", $user:docker and $user.docker: the owner stays as written.
  const m = /^("?)(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|.*(?=:))[:.]([A-Za-z_][A-Za-z0-9_.-]*)\1$/.exec(
    text,
  );
  if (!m || /[:'"]/.test(m[2]!)) return undefined;
  return { prefix: `${m[1]}${m[2]}${m[1]}:`, group: m[3]! };
}
