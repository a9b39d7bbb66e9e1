import type { SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import type { ScriptScope } from "./scope.js";
import { isGidVariable } from "./users-gid-default.js";
import { warnRenumberedGroup } from "./users-renumbered-groups.js";

/** A GID written as a number, and the script offset of its word. */
interface GidWord {
  gid: string;
  at: number;
}

/** install's short options that take no value, which may come before -g in one word (-Dg). */
const INSTALL_FLAGS = /^-[bcCdDpsv]*g(.+)?$/;

const INSTALL_GROUP = /^--group(?:=(.+))?$/;

const FIND_GIDS = /^-(?:group|gid)$/;

/** setpriv's options whose value is a GID, or (--groups) a comma list of them. */
const SETPRIV_GIDS = /^--(?:regid|rgid|egid|groups)(?:=(.+))?$/;

/**
 * Rule `users`: a GID given by number to install (-g), find (-group, -gid), setpriv (--regid,
 * --rgid, --egid, --groups) or sg, which chown and chgrp's check does not see: a Debian base
 * group's number that is another group's or none's on Alpine is warned (warnRenumberedGid).
 */
export function warnGidWords(scope: ScriptScope, cmd: SimpleCommand): void {
  for (const w of gidWords(cmd)) warnRenumberedGroup(scope, w.at, w.gid);
}

function gidWords(cmd: SimpleCommand): GidWord[] {
  const words = cmd.args.slice(1);
  switch (cmd.name?.replace(/^.*\//, "")) {
    case "install":
      return optionGids(words, (v) => given(INSTALL_FLAGS, v) ?? given(INSTALL_GROUP, v));
    case "find":
      return optionGids(words, (v) => given(FIND_GIDS, v));
    case "setpriv":
      return optionGids(words, (v) => given(SETPRIV_GIDS, v));
    case "sg":
      return sgGid(words);
    default:
      return [];
  }
}

/** What `re` gives for option word `word`: its value in the word (group 1), else "" (the next word). */
function given(re: RegExp, word: string): string | undefined {
  const m = re.exec(word);
  return m === null ? undefined : (m[1] ?? "");
}

/**
 * The numbers given to the options `value` recognises: it returns the value written in the same
 * word (`--group=44`, `-g44`), "" when the next word holds it, undefined for other words.
 */
function optionGids(
  words: readonly Word[],
  value: (word: string) => string | undefined,
): GidWord[] {
  const out: GidWord[] = [];
  for (let k = 0; k < words.length; k++) {
    const v = value(words[k]!.value ?? words[k]!.raw);
    if (v === undefined) continue;
    const w = v === "" ? words[++k] : words[k];
    // `-g $GID`: the variable's default is read by warnRenumberedGroup (gidDefault).
    const text = v === "" ? (w?.value ?? w?.raw) : v;
    if (w === undefined || text === undefined) continue;
    if (isGidVariable(text)) out.push({ gid: text, at: w.start });
    else for (const gid of text.split(",")) if (/^\d+$/.test(gid)) out.push({ gid, at: w.start });
  }
  return out;
}

/** `sg [-] GROUP [-c] COMMAND`: the group, when it is a number. */
function sgGid(words: readonly Word[]): GidWord[] {
  const w = words.find((x) => x.value !== "-");
  if (w !== undefined && w.value === undefined && isGidVariable(w.raw))
    return [{ gid: w.raw, at: w.start }];
  return w?.value !== undefined && /^\d+$/.test(w.value) ? [{ gid: w.value, at: w.start }] : [];
}
