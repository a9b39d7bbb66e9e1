import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import {
  chmod,
  cp,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  unlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { shimsPath } from "../../src/shims.js";

const run = promisify(execFile);

/** The two systems every scenario runs on. */
export type RootKind = "busybox" | "debian";

export const CACHE = process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test";
export const BUSYBOX = join(CACHE, "busybox-musl", "busybox");
export const DEBIAN_ROOT = join(CACHE, "debian-bookworm-minbase");
const here = dirname(fileURLToPath(import.meta.url));
export const ALPINE_FILES = resolve(here, "../../../../../shared/corpus/alpine-rootfs");
/** Where each test root keeps the library. */
export const SHIMS_IN_ROOT = "/usr/local/lib/alpinize-shims.sh";

const isRoot = process.getuid?.() === 0;

/** Why a kind of root cannot be built here, or undefined when it can. */
export function skipReason(kind: RootKind): string | undefined {
  if (!isRoot) return "needs root for chroot (CI runs the tests as root)";
  if (kind === "busybox") {
    if (!existsSync(BUSYBOX))
      return `no musl busybox at ${BUSYBOX}: run scripts/ci/install-busybox.sh`;
    if (!existsSync(join(ALPINE_FILES, "group")))
      return `Alpine's /etc files not found at ${ALPINE_FILES} (../shared/corpus is absent)`;
    return undefined;
  }
  if (!existsSync(join(DEBIAN_ROOT, ".complete")))
    return `no Debian minbase root at ${DEBIAN_ROOT}: run scripts/ci/install-busybox.sh`;
  return undefined;
}

export interface RootOptions {
  /** Keep getent (Debian has it; the busybox root never does). Default true. */
  getent?: boolean;
  /** Put gosu in the root (a static binary from the host's gosu package). Default: Debian yes. */
  gosu?: boolean;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** chroot's `--userspec` (USER:GROUP); root when not given. */
  user?: string;
  /** Supplementary groups of the caller (chroot's `--groups`), like `docker run --group-add`. */
  groups?: string;
  env?: Record<string, string>;
}

export interface TestRoot {
  kind: RootKind;
  dir: string;
  /** Runs `sh -c` in the root with `set -eu` and the library sourced. */
  sh(script: string, opts?: ExecOptions): Promise<RunResult>;
  /** Runs a command in the root as it is. */
  exec(argv: string[], opts?: ExecOptions): Promise<RunResult>;
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

export async function makeRoot(kind: RootKind, opts: RootOptions = {}): Promise<TestRoot> {
  const dir = await mkdtemp(join(tmpdir(), `alpinize-${kind}-`));
  await chmod(dir, 0o755); // the chroot's "/" must be searchable by the non-root scenarios
  if (kind === "busybox") await buildBusyboxRoot(dir, opts);
  else await buildDebianRoot(dir, opts);
  await mkdir(join(dir, "usr/local/lib"), { recursive: true });
  await cp(shimsPath, join(dir, SHIMS_IN_ROOT));
  return {
    kind,
    dir,
    sh: (script, o = {}) =>
      execIn(dir, ["/bin/sh", "-c", `set -eu\n. ${SHIMS_IN_ROOT}\n${script}`], o),
    exec: (argv, o = {}) => execIn(dir, argv, o),
    read: (p) => readFile(join(dir, p), "utf8"),
    write: (p, text) => writeFile(join(dir, p), text),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

async function buildBusyboxRoot(dir: string, opts: RootOptions): Promise<void> {
  for (const d of [
    "bin",
    "sbin",
    "usr/bin",
    "usr/sbin",
    "etc",
    "dev",
    "proc",
    "tmp",
    "run",
    "root",
  ]) {
    await mkdir(join(dir, d), { recursive: true });
  }
  await chmod(join(dir, "tmp"), 0o1777);
  await cp(BUSYBOX, join(dir, "bin/busybox"));
  const { stdout } = await run(BUSYBOX, ["--list-full"]);
  for (const applet of stdout.split("\n").filter(Boolean)) {
    if (applet === "bin/busybox") continue;
    const depth = applet.split("/").length - 1;
    await symlink(`${"../".repeat(depth)}bin/busybox`, join(dir, applet)).catch(() => {});
  }
  await run("mknod", ["-m", "666", join(dir, "dev/null"), "c", "1", "3"]);
  const passwd = readFileSync(join(ALPINE_FILES, "passwd"), "utf8");
  await writeFile(join(dir, "etc/passwd"), passwd);
  await writeFile(join(dir, "etc/group"), readFileSync(join(ALPINE_FILES, "group"), "utf8"));
  // Alpine ships /etc/shadow (root locked, others with "!"), and no /etc/gshadow.
  const shadow = passwd
    .split("\n")
    .filter((l) => l.includes(":"))
    .map((l) => `${l.split(":")[0]}:${l.startsWith("root:") ? "*" : "!"}::0:::::`)
    .join("\n");
  await writeFile(join(dir, "etc/shadow"), `${shadow}\n`, { mode: 0o640 });
  if (opts.gosu === true) await cp("/usr/sbin/gosu", join(dir, "usr/sbin/gosu"));
}

async function buildDebianRoot(dir: string, opts: RootOptions): Promise<void> {
  // Hard links make the 130 MB root cost nothing; /etc is copied because the tools rewrite it.
  await run("cp", ["-al", `${DEBIAN_ROOT}/.`, dir]);
  await rm(join(dir, "etc"), { recursive: true });
  await run("cp", ["-a", `${DEBIAN_ROOT}/etc`, join(dir, "etc")]);
  if (opts.getent === false) await unlink(join(dir, "usr/bin/getent"));
  if (opts.gosu === false) await unlink(join(dir, "usr/sbin/gosu"));
}

async function execIn(dir: string, argv: string[], o: ExecOptions): Promise<RunResult> {
  // A private mount and PID namespace gives the root its own /proc (gosu reads /proc/self/exe)
  // that disappears with the process, so nothing is left mounted or running.
  const args = ["--mount", "--pid", "--fork", `--mount-proc=${join(dir, "proc")}`, "chroot"];
  // chroot takes --groups only together with --userspec.
  const user = o.user ?? (o.groups ? "0:0" : undefined);
  if (user) args.push(`--userspec=${user}`);
  if (o.groups) args.push(`--groups=${o.groups}`);
  args.push(dir, ...argv);
  try {
    const { stdout, stderr } = await run("unshare", args, {
      env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", ...o.env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw err;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}
