import { open, realpath, stat } from "node:fs/promises";
import {
  isAmbiguousDockerfileName,
  isDockerfileText,
  whyNotDockerfileText,
} from "@alpinize/dockerfile";
import { formatBytes, fsReason, InputError, isLinkLoop, LINK_LOOP_HINT } from "@alpinize/errors";
import { MAX_TEXT_BYTES, readTextFile } from "./files.js";
import { decodeText } from "./text-bytes.js";

/**
 * Reads a file the user named on the command line. Unlike files found in a walk, a symbolic link
 * is followed (the user chose it, as for `migrate FILE`), and a pipe or device such as the
 * `/dev/fd/N` of `<(cmd)` is read to its end, up to MAX_TEXT_BYTES.
 */
export async function readNamedFile(path: string, display = path): Promise<string> {
  const info = await stat(path).catch((err: unknown) => {
    throw unreadable(display, err);
  });
  if (info.isFile()) {
    const real = await realpath(path).catch((err: unknown) => {
      throw unreadable(display, err);
    });
    return await readTextFile(real, display).catch(async (err: unknown) => {
      if (NAMELESS.test(path) && info.size > MAX_TEXT_BYTES)
        throw namelessTooLarge(display, await firstBytes(real));
      throw asNamed(err);
    });
  }
  if (info.isDirectory()) {
    throw new InputError("ALPINIZE_REPO_UNREADABLE", `${display}: not a regular file`, {
      hint: "Pass a file or a directory.",
      details: { file: display },
    });
  }
  const bytes = await readStream(path, display, NAMELESS.test(path));
  if (bytes.includes(0)) {
    throw new InputError(
      "ALPINIZE_REPO_UNREADABLE",
      `${display}: binary file (contains NUL bytes)`,
      { hint: "Pass a Dockerfile or a script.", details: { file: display } },
    );
  }
  // As for regular files: bytes that are not UTF-8 survive (shown as \xNN), not U+FFFD.
  return decodeText(bytes);
}

/**
 * Standard input (`check -`) and `<(cmd)`: no name says what they hold, so, as `kindOfText` reads
 * them, one over the limit is a Dockerfile too large to read, or a script when it starts `#!`.
 */
const NAMELESS = /^\/(?:dev|proc\/self)\/(?:stdin|fd\/\d+)$/;

/** The refusal of a nameless input over the limit, worded as for a file named like a Dockerfile. */
function namelessTooLarge(display: string, start: Buffer): InputError {
  const limit = formatBytes(MAX_TEXT_BYTES);
  const kind = kindOfText(start.toString("utf8")) === "script" ? "script" : "Dockerfile";
  return new InputError(
    "ALPINIZE_REPO_UNREADABLE",
    `${display}: larger than ${limit}: a ${kind} too large for alpinize to read`,
    {
      hint: `Split it into ${kind}s of at most ${limit} each, then check each of them.`,
      details: { file: display },
    },
  );
}

/** The first bytes of a file, enough for a byte order mark and `#!`; none when it cannot be read. */
async function firstBytes(path: string): Promise<Buffer> {
  const handle = await open(path, "r").catch(() => undefined);
  if (handle === undefined) return Buffer.alloc(0);
  try {
    const buf = Buffer.alloc(5);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    return Buffer.alloc(0);
  } finally {
    await handle.close();
  }
}

/** A pipe or device has no size to check first: read until it ends or passes the limit. */
async function readStream(path: string, display: string, nameless: boolean): Promise<Buffer> {
  const handle = await open(path, "r").catch((err: unknown) => {
    throw unreadable(display, err);
  });
  try {
    const buf = Buffer.alloc(MAX_TEXT_BYTES + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle
        .read(buf, total, buf.length - total, null)
        .catch((err: unknown) => {
          throw unreadable(display, err);
        });
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_TEXT_BYTES) {
        if (nameless) throw namelessTooLarge(display, buf.subarray(0, 5));
        throw new InputError(
          "ALPINIZE_REPO_UNREADABLE",
          `${display}: larger than ${formatBytes(MAX_TEXT_BYTES)}`,
          { hint: "Pass a Dockerfile or a script.", details: { file: display } },
        );
      }
    }
    return buf.subarray(0, total);
  } finally {
    await handle.close();
  }
}

/**
 * readTextFile words its refusals for a file a folder walk found ("add it to .gitignore"); this
 * one the user named, so the way out is to name another file (or fix its permissions).
 */
function asNamed(err: unknown): unknown {
  if (!(err instanceof InputError) || !err.hint?.includes(".gitignore")) return err;
  // A Dockerfile too large to read gets the hint `migrate FILE` gives it, in its own words.
  const hint = err.message.includes("a Dockerfile too large")
    ? `Split it into Dockerfiles of at most ${formatBytes(MAX_TEXT_BYTES)} each, then check each of them.`
    : err.message.includes(": larger than ")
      ? `alpinize reads Dockerfiles and scripts of at most ${formatBytes(MAX_TEXT_BYTES)}: name the right file, or split this one.`
      : err.message.includes(": binary file")
        ? "Pass a Dockerfile or a script."
        : "Check the file's permissions.";
  return new InputError(err.code, err.message, { hint, details: err.details, cause: err });
}

function unreadable(display: string, err: unknown): InputError {
  return new InputError("ALPINIZE_REPO_UNREADABLE", `${display}: ${fsReason(err)}`, {
    hint: isLinkLoop(err) ? LINK_LOOP_HINT : "Check the path and the file's permissions.",
    details: { file: display },
    cause: err,
  });
}

/**
 * What a named input is when its name does not say. A name such as `Dockerfile.sh` or
 * `dockerfile.prod` (`isAmbiguousDockerfileName`) is read by the rule every command shares: a
 * Dockerfile when its text is one (`isDockerfileText`, its first 64 Ki characters), else a script
 * when it starts `#!` or ends `.sh`, `.bash` or `.ash`, else `other`: neither, which check
 * reports as not checked (`notDockerfileNorScript`), as pin refuses it and the walks skip it.
 * Any other name (`/dev/fd/N` of `<(cmd)`, a pipe, `start`): a script when its first line is a
 * `#!` line, a Dockerfile otherwise.
 */
export function kindOfText(text: string, name = ""): "dockerfile" | "script" | "other" {
  const script = text.replace(/^\uFEFF/, "").startsWith("#!");
  if (!isAmbiguousDockerfileName(name)) return script ? "script" : "dockerfile";
  if (isDockerfileText(text)) return "dockerfile";
  return script || /\.(?:sh|bash|ash)$/i.test(name) ? "script" : "other";
}

/** Why check reads no further a file `kindOfText` calls `other` (not checked, exit 2). */
export function notDockerfileNorScript(
  shown: string,
  text: string,
): { file: string; message: string; code: string; hint: string } {
  return {
    file: shown,
    message: `named like a Dockerfile, but ${whyNotDockerfileText(text) ?? "it is not one"}; check reads Dockerfiles and scripts`,
    code: "ALPINIZE_CHECK_NOT_DOCKERFILE",
    hint: "migrate DIR and check DIR skip it, and pin refuses it. If it is a Dockerfile, start it with FROM or ARG (comments may come first); otherwise leave it out.",
  };
}
