import { type BoundedRead, readBounded } from "@alpinize/bounded-read";
import { formatBytes } from "@alpinize/errors";
import { jsonErrorOffset, lineColumn } from "./json-position.js";
import type { Credentials } from "./types.js";

export interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

export interface AuthFile {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

const MAX_FILE = 1024 * 1024;

/** Why a file that opened was not read; a directory is worded as readFile's EISDIR was. */
const REFUSED: Record<Exclude<BoundedRead["status"], "ok">, string> = {
  "too-large": `it is larger than ${formatBytes(MAX_FILE)}`,
  directory: "cannot read it (EISDIR)",
  special: "it is a pipe, socket or device, not a regular file; not read",
};

/**
 * Reads a Docker config.json or containers auth.json; undefined when it does not exist.
 * At most MAX_FILE + 1 bytes are read: a bigger file is refused by its size unread, and a FIFO,
 * socket or device (/dev/zero behind a link) is refused without being opened blocking or read.
 * Errors (the caller names the file) give a position only: never the file's text, which holds
 * secrets.
 */
export async function readAuthFile(path: string): Promise<AuthFile | undefined> {
  let got: BoundedRead;
  try {
    got = await readBounded(path, MAX_FILE);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new Error(code ? `cannot read it (${code})` : (err as Error).message);
  }
  if (got.status !== "ok") throw new Error(REFUSED[got.status]);
  const text = got.bytes.toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch {
    const offset = jsonErrorOffset(text.replace(/^\ufeff/, ""));
    const { line, column } = lineColumn(text, offset);
    throw new Error(`it is not valid JSON (line ${line} column ${column})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error("it is not a JSON object");
  }
  return parsed as AuthFile;
}

/** What an `auths` entry gave: credentials, nothing, or why it could not be used. */
export interface DecodedEntry {
  credentials?: Credentials;
  /** Names what is wrong, never the value. */
  problem?: string;
}

/** Decodes an `auths` entry (base64 `user:password`, or separate fields, or an identity token). */
export function decodeAuthEntry(entry: AuthEntry, source: string): DecodedEntry {
  if (typeof entry.identitytoken === "string" && entry.identitytoken !== "") {
    return { credentials: { identityToken: entry.identitytoken, source } };
  }
  if (typeof entry.auth === "string" && entry.auth !== "") {
    const auth = entry.auth.trim();
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(auth) || auth.length % 4 === 1) {
      return { problem: "its auth value is not base64" };
    }
    const decoded = Buffer.from(auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) return { problem: "its auth value does not decode to user:password" };
    return {
      credentials: {
        username: decoded.slice(0, colon),
        password: decoded.slice(colon + 1),
        source,
      },
    };
  }
  if (typeof entry.username === "string" && typeof entry.password === "string") {
    return { credentials: { username: entry.username, password: entry.password, source } };
  }
  return {};
}
