import { hasGnuTool } from "@alpinize/busybox";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";

/**
 * An owner word with a dot as busybox chown and chgrp read it: the first dot becomes a colon
 * (chgrp puts a colon before its word first), then USER:GROUP splits at the first colon. So
 * `chown john.doe` is user john and group doe, `chown app:my.group` asks for group `my:group`.
 */
export interface DottedOwner {
  tool: "chown" | "chgrp";
  /** The word as written. */
  word: string;
  /** What busybox looks up after turning the dot into a colon (`john:doe`, `:my:group`). */
  read: string;
  /** The user part of `read` ("" for none). */
  user: string;
  /** The group part of `read`; one with a colon in it no /etc/group can hold. */
  group: string;
}

/** A word with no expansion or quote left: what busybox gets is what is written. */
const LITERAL = /^[\w.:-]+$/;

/**
 * busybox's reading of a chown or chgrp owner word with a dot in it; none when GNU coreutils is
 * installed (`has`), whose chown tries the whole name first, or when the word is not literal.
 */
export function dottedOwner(
  cmd: ShellCommand,
  has: (pkg: string) => boolean,
): DottedOwner | undefined {
  const tool = baseName(cmd.name);
  if ((tool !== "chown" && tool !== "chgrp") || hasGnuTool(tool, has)) return undefined;
  if (cmd.args.some((a) => a.startsWith("--reference"))) return undefined;
  const word = cmd.args.find((a) => !a.startsWith("-"));
  if (word === undefined || !word.includes(".") || !LITERAL.test(word)) return undefined;
  const given = tool === "chgrp" ? `:${word}` : word;
  const dot = given.indexOf(".");
  const read = `${given.slice(0, dot)}:${given.slice(dot + 1)}`;
  const colon = read.indexOf(":");
  return { tool, word, read, user: read.slice(0, colon), group: read.slice(colon + 1) };
}

/** busybox's own words when it stops on the owner. */
export function dottedOwnerQuote(owner: DottedOwner): string {
  return `${owner.tool}: unknown user/group ${owner.read}`;
}

/**
 * The error for an owner word busybox stops on whatever accounts exist: the group it reads holds
 * a colon (`chown app:my.group`, `chgrp my.group`, `chown john.doe:staff`). The rule is
 * unknown-user when the dot was in the user's name, unknown-group otherwise.
 */
export function dottedOwnerFailure(
  owner: DottedOwner,
  stage: string,
): { rule: "unknown-user" | "unknown-group"; message: string } | undefined {
  if (!owner.group.includes(":")) return undefined;
  const { tool, word } = owner;
  const colon = word.indexOf(":");
  const head = `${tool} in Alpine stage ${stage} gives owner ${word}, which busybox ${tool} reads as ${owner.read} (it turns the first dot into a colon), so it fails with "${dottedOwnerQuote(owner)}" whatever accounts are there`;
  if (tool === "chgrp")
    return {
      rule: "unknown-group",
      message: `${head}: write chown .${word} (busybox chown splits at the first dot and keeps the rest of the group's name) or the GID`,
    };
  // The dot is in the group's name: `USER.GROUP` puts busybox's split at the right place.
  if (colon !== -1 && colon < word.indexOf("."))
    return {
      rule: "unknown-group",
      message: `${head}: write ${word.slice(0, colon)}.${word.slice(colon + 1)} (busybox chown splits at the first dot and keeps the rest of the group's name; GNU chown reads it the same) or the GID`,
    };
  return { rule: "unknown-user", message: `${head}: ${dottedUserAdvice(word.slice(0, colon))}` };
}

/** No spelling names a user with a dot to busybox chown. */
export function dottedUserAdvice(user: string): string {
  return `busybox chown cannot name a user with a dot in it: give the UID (chown "$(id -u ${user})" FILE) or apk add --no-cache coreutils before it (GNU chown takes the whole name)`;
}
