import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { linkFailure, readBounded } from "@alpinize/bounded-read";
import { formatBytes, InputError } from "@alpinize/errors";
import { fileType } from "../workspace/files.js";
import { unreadableRoot } from "../workspace/unreadable-dir.js";
import { MAX_PACKAGE_JSON_BYTES, readPackageSettings } from "./package-json.js";
import { assertNoDuplicateKey, assertShallow, parseJson } from "./parse.js";
import { defaultConfig, type RepoConfig } from "./types.js";
import { validateConfig } from "./validate.js";

export const CONFIG_FILE = "alpinize.config.json";
/** A config file is a few hundred bytes; anything this large is a mistake. */
const MAX_CONFIG_BYTES = 256 * 1024;

export interface LoadConfigOptions {
  /** An explicit file (`--config`); it must exist. */
  file?: string;
  /** Used to print short paths in messages. */
  cwd?: string;
  /**
   * Told about a root `package.json` that could not be read as JSON (too large, not valid JSON)
   * and shows no `"alpinize"` key: the defaults are used, and the user should know its settings,
   * if it has any, were not.
   */
  onWarning?: (message: string) => void;
}

/**
 * Reads the project settings: `--config FILE`, else `alpinize.config.json` at the root, else the
 * `"alpinize"` key of the root `package.json`, else the defaults.
 */
export async function loadConfig(
  root: string,
  options: LoadConfigOptions = {},
): Promise<RepoConfig> {
  const cwd = options.cwd ?? root;
  if (options.file !== undefined) {
    // Named by the user: a pipe (`--config <(cmd)`) is read, up to the limit.
    const text = await readText(options.file, cwd, MAX_CONFIG_BYTES, "read");
    if (text === undefined) throw notFound(options.file, display(options.file, cwd));
    return parseConfigText(text, display(options.file, cwd));
  }
  const own = join(root, CONFIG_FILE);
  const ownText = await readText(own, cwd, MAX_CONFIG_BYTES, "refuse");
  if (ownText !== undefined) return parseConfigText(ownText, display(own, cwd));
  const pkgPath = join(root, "package.json");
  const settings = await readPackageSettings(pkgPath, display(pkgPath, cwd), {
    read: (path) => readText(path, cwd, MAX_PACKAGE_JSON_BYTES, "refuse"),
    warn: options.onWarning ?? (() => {}),
  });
  if (settings === undefined) return defaultConfig();
  return validateConfig(settings.value, `${display(pkgPath, cwd)} ("alpinize" key)`);
}

export function parseConfigText(text: string, source: string): RepoConfig {
  if (text.length > MAX_CONFIG_BYTES) {
    throw new InputError(
      "ALPINIZE_CONFIG_INVALID",
      `${source}: larger than ${formatBytes(MAX_CONFIG_BYTES)}`,
      {
        hint: "Point --config at the alpinize settings file.",
        details: { file: source },
      },
    );
  }
  const value = parseJson(text, source);
  assertShallow(value, source);
  assertNoDuplicateKey(text, source);
  return validateConfig(value, source);
}

/**
 * A settings file's text, read bounded: at most `limit` bytes (a file over it by fstat is refused
 * unread, one that grows or claims size 0 is stopped at `limit + 1`). Found at the root
 * (`special: "refuse"`), a FIFO, socket or device is exit 2, never read: it only exists to hold
 * settings, so running on the defaults would be a silent pass. Undefined when there is no file.
 */
async function readText(
  path: string,
  cwd: string,
  limit: number,
  special: "refuse" | "read",
): Promise<string | undefined> {
  let got: Awaited<ReturnType<typeof readBounded>>;
  try {
    got = await readBounded(path, limit, { special });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    // A folder this user cannot enter: that is what is unreadable, not the config file in it.
    const folder = dirname(path);
    if ((code === "EACCES" || code === "EPERM") && !(await searchable(folder)))
      throw unreadableRoot(display(folder, cwd), code, err);
    const loop = linkFailure(path, err);
    const shown = display(path, cwd);
    throw unreadableConfig(shown, loop?.reason ?? (err as Error).message, err, loop?.hint);
  }
  if (got.status === "ok") return got.bytes.toString("utf8");
  if (got.status === "directory") throw unreadableConfig(display(path, cwd), "is a directory");
  if (got.status === "special") {
    const what = `${fileType(got.info)}, not a regular file; not opened`;
    throw unreadableConfig(display(path, cwd), what);
  }
  throw new InputError(
    "ALPINIZE_CONFIG_INVALID",
    `${display(path, cwd)}: larger than ${formatBytes(limit)}`,
    {
      hint: "Point --config at the alpinize settings file.",
      details: { file: display(path, cwd) },
    },
  );
}

/**
 * `--config FILE` is not there (ENOENT or ENOTDIR): a dangling link names its target. `path` is
 * looked at; `file` (relative to the working folder, as other messages name it) is what is shown.
 */
function notFound(path: string, file: string): InputError {
  const link = linkFailure(path);
  return new InputError(
    "ALPINIZE_CONFIG_NOT_FOUND",
    link ? `config file ${file}: ${link.reason}` : `config file ${file} does not exist`,
    {
      hint: link?.hint ?? "Check the path given to --config.",
      details: link?.target === undefined ? { file } : { file, target: link.target },
    },
  );
}

/** `shown`: the file as messages name it (relative to the working folder where it is under it). */
function unreadableConfig(
  shown: string,
  reason: string,
  cause?: unknown,
  linkHint?: string,
): InputError {
  const isFolder = reason === "is a directory";
  return new InputError("ALPINIZE_CONFIG_UNREADABLE", `cannot read ${shown}: ${reason}`, {
    hint:
      linkHint ??
      (isFolder
        ? `Name the settings file itself (such as ${CONFIG_FILE}), not its folder.`
        : cause === undefined
          ? `Replace it with a regular file holding the settings (or remove it to use the defaults).`
          : "Check the file's permissions."),
    details: { file: shown },
    ...(cause === undefined ? {} : { cause }),
  });
}

async function searchable(folder: string): Promise<boolean> {
  return await access(folder, constants.X_OK).then(
    () => true,
    () => false,
  );
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") ? path : rel;
}
