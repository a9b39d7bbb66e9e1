import {
  ALPINE_BASE_GROUPS,
  ALPINE_BASE_RELEASE,
  ALPINE_BASE_USERS,
} from "../facts/alpine-base.js";
import { accountNameArgument } from "./name-arg.js";
import { shorten } from "./scan.js";
import type { Evidence, SourceFile } from "./types.js";

const GROUP_CMD = /\b(?:groupadd|addgroup)\b/;
const USER_CMD = /\b(?:useradd|adduser)\b/;
const NUMERIC_ID = /(?:^|\s)(?:-g|-u|--gid|--uid)(?:\s+|=)["']?(\d+)["']?/g;

/** Group and user IDs (and names) a migration would create that Alpine's base already holds. */
export function idCollisions(files: readonly SourceFile[], release?: string): Evidence[] {
  const out: Evidence[] = [];
  // The table is one release's base image; for another target that is said, not implied.
  const where =
    release === undefined || release === ALPINE_BASE_RELEASE
      ? `Alpine ${ALPINE_BASE_RELEASE}`
      : `Alpine's base (${ALPINE_BASE_RELEASE} data)`;
  for (const source of files) {
    source.text.split(/\r?\n/).forEach((text, i) => {
      // Long lines are generated content, not user management; skipping them bounds the regex work.
      if (text.length > 1000 || text.trim().startsWith("#")) return;
      const notes = collisionsOnLine(text, where);
      if (notes.length > 0)
        out.push({
          file: source.file,
          line: i + 1,
          text: `${shorten(text.trim())} — ${notes.join("; ")}`,
        });
    });
  }
  return out;
}

function collisionsOnLine(text: string, where: string): string[] {
  if (!GROUP_CMD.test(text) && !USER_CMD.test(text)) return [];
  const notes: string[] = [];
  for (const match of text.matchAll(NUMERIC_ID)) {
    const command = nearestCommand(text, match.index ?? 0);
    const flag = match[0].trim().split(/[\s=]/)[0];
    const id = Number(match[1]);
    let kind: "GID" | "UID" | undefined;
    if (command === "group") kind = "GID";
    else if (command === "user" && (flag === "-u" || flag === "--uid")) kind = "UID";
    if (kind === undefined) continue;
    const holder = (kind === "GID" ? ALPINE_BASE_GROUPS : ALPINE_BASE_USERS).get(id);
    if (holder !== undefined) notes.push(`${kind} ${id} is ${holder}'s on ${where}`);
  }
  const name = accountNameArgument(text);
  if (name !== undefined) {
    const group = nearestCommand(text, text.length) === "group";
    const taken = group ? [...ALPINE_BASE_GROUPS.values()] : [...ALPINE_BASE_USERS.values()];
    if (taken.includes(name)) notes.push(`"${name}" already exists on ${where}`);
  }
  return notes;
}

function nearestCommand(text: string, before: number): "group" | "user" | undefined {
  const head = text.slice(0, before);
  const group = Math.max(head.lastIndexOf("groupadd"), head.lastIndexOf("addgroup"));
  const user = Math.max(head.lastIndexOf("useradd"), head.lastIndexOf("adduser"));
  if (group < 0 && user < 0) return undefined;
  return group > user ? "group" : "user";
}
