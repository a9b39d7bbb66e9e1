import { homedir } from "node:os";
import { join } from "node:path";
import { readBounded } from "@alpinize/bounded-read";
import { formatBytes } from "@alpinize/errors";

/** A credentials file larger than this is not read (Docker's holds one entry per registry). */
const MAX_FILE = 1024 * 1024;

/** What the credentials files held: texts to hide, and the files that could not be read. */
export interface FileSecrets {
  /** Passwords, tokens and `auth` strings, as written in the file. */
  plain: string[];
  /** `[user, password]` pairs, whose base64 `user:password` a client sends. */
  pairs: [string, string][];
  /** `path (why)` of each file that exists but could not be read: its secrets are unknown. */
  unread: string[];
}

/**
 * The files Trivy may take registry credentials from (go-containerregistry's default keychain):
 * Docker's config in `$HOME/.docker` and `$DOCKER_CONFIG`, then Podman's `$REGISTRY_AUTH_FILE`
 * and `$XDG_RUNTIME_DIR/containers/auth.json`. Which one it picks depends on which exist, so all
 * are read.
 */
export function credentialFiles(env: NodeJS.ProcessEnv): string[] {
  const files = [join(env.HOME || homedir(), ".docker", "config.json")];
  if (env.DOCKER_CONFIG) files.push(join(env.DOCKER_CONFIG, "config.json"));
  if (env.REGISTRY_AUTH_FILE) files.push(env.REGISTRY_AUTH_FILE);
  // Unset, it is joined as "", so `containers/auth.json` of the working folder, as Go does.
  files.push(join(env.XDG_RUNTIME_DIR ?? "", "containers", "auth.json"));
  return [...new Set(files)];
}

/**
 * Every credential in the files Trivy may read ({@link credentialFiles}) of `env`, the
 * environment Trivy runs with. A missing file holds none; one that cannot be read (too large,
 * not JSON, a FIFO, EACCES) is named in `unread`, never guessed at.
 */
export async function credentialFileSecrets(env: NodeJS.ProcessEnv): Promise<FileSecrets> {
  const found: FileSecrets = { plain: [], pairs: [], unread: [] };
  for (const path of credentialFiles(env)) {
    try {
      const text = await readCredentialFile(path);
      if (text === undefined) continue;
      sweep(text, found);
      collect(JSON.parse(text), found, 0);
    } catch (err) {
      found.unread.push(`${path} (${(err as Error).message})`);
    }
  }
  return found;
}

/** The file's text, checked to be JSON; undefined when it does not exist. */
async function readCredentialFile(path: string): Promise<string | undefined> {
  let got: Awaited<ReturnType<typeof readBounded>>;
  try {
    got = await readBounded(path, MAX_FILE);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new Error(code ?? (err as Error).message);
  }
  if (got.status === "too-large") throw new Error(`larger than ${formatBytes(MAX_FILE)}`);
  if (got.status !== "ok") throw new Error(`a ${got.status}, not a regular file`);
  const text = got.bytes.toString("utf8").replace(/^\ufeff/, "");
  try {
    JSON.parse(text);
  } catch {
    throw new Error("not valid JSON");
  }
  return text;
}

/** Keys, in any letter case as Go's decoder reads them, whose string value is a credential. */
const SECRET_KEYS = new Set(["auth", "password", "identitytoken", "registrytoken"]);

/**
 * Each credential-named string of the JSON text wherever it sits, and the user and password each
 * `auth` decodes to (base64 `user:password`): `JSON.parse` keeps only the last of two `"auths"`
 * objects, while Go's decoder merges both. A user name is no secret and stays, but one whose
 * `auth` has an empty password is the credential itself (a token) and is hidden.
 */
function sweep(text: string, found: FileSecrets): void {
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
    const key = unquote(m[1]!)?.toLowerCase();
    const value = unquote(m[2]!);
    if (!key || !value || !SECRET_KEYS.has(key)) continue;
    found.plain.push(value);
    if (key !== "auth") continue;
    const decoded = Buffer.from(value.trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0 && colon === decoded.length - 1) found.plain.push(decoded.slice(0, colon));
    else if (colon !== -1) addPair(decoded.slice(0, colon), decoded.slice(colon + 1), found);
  }
}

function unquote(body: string): string | undefined {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return undefined;
  }
}

/** Deeper than this, a credentials file is no Docker or Podman file and is not guessed at. */
const MAX_DEPTH = 64;

/** Walks every object for a `username` and `password` pair, in any letter case. */
function collect(value: unknown, found: FileSecrets, depth: number): void {
  if (typeof value !== "object" || value === null) return;
  if (depth > MAX_DEPTH) throw new Error(`nested deeper than ${MAX_DEPTH} levels`);
  const fields = new Map<string, string>();
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === "string") fields.set(key.toLowerCase(), v);
    else collect(v, found, depth + 1);
  }
  addPair(fields.get("username") ?? "", fields.get("password") ?? "", found);
}

function addPair(user: string, password: string, found: FileSecrets): void {
  if (!password) return;
  found.plain.push(password);
  found.pairs.push([user, password]);
}
