import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  alpineRootSkipReason,
  type ChrootExecOptions,
  type ChrootResult,
  execInRoot,
  fillAlpineRoot,
  MUSL_BUSYBOX,
  TEST_CACHE,
} from "@alpinize/testkit";
import { afterEach, beforeEach } from "vitest";
import { shimsPath } from "../../src/shims.js";

const run = promisify(execFile);

/** The two systems every scenario runs on. */
export type RootKind = "busybox" | "debian";

export const CACHE = TEST_CACHE;
export const BUSYBOX = MUSL_BUSYBOX;
export const DEBIAN_ROOT = join(CACHE, "debian-bookworm-minbase");
/** Where each test root keeps the library. */
export const SHIMS_IN_ROOT = "/usr/local/lib/alpinize-shims.sh";

/** Why a kind of root cannot be built here, or undefined when it can. */
export function skipReason(kind: RootKind): string | undefined {
  if (kind === "busybox") return alpineRootSkipReason();
  if (process.getuid?.() !== 0) return "needs root for chroot (CI runs the tests as root)";
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

export type RunResult = ChrootResult;
export type ExecOptions = ChrootExecOptions;

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
      execInRoot(dir, ["/bin/sh", "-c", `set -eu\n. ${SHIMS_IN_ROOT}\n${script}`], o),
    exec: (argv, o = {}) => execInRoot(dir, argv, o),
    read: (p) => readFile(join(dir, p), "utf8"),
    write: (p, text) => writeFile(join(dir, p), text),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

async function buildBusyboxRoot(dir: string, opts: RootOptions): Promise<void> {
  // Alpine ships /etc/shadow (root locked, others with "!"), and no /etc/gshadow.
  fillAlpineRoot(dir, { dirs: ["proc", "run", "root"], shadow: true, devNull: true });
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

/**
 * A fresh root of `kind` for each test of the calling describe block, removed after it: call it
 * in the block's body and read the root from the returned function inside a test.
 */
export function freshRootEach(kind: RootKind, opts: RootOptions = {}): () => TestRoot {
  let root: TestRoot | undefined;
  beforeEach(async () => {
    root = await makeRoot(kind, opts);
  });
  afterEach(async () => {
    await root?.remove();
    root = undefined;
  });
  return () => {
    if (root === undefined) throw new Error(`no ${kind} root: call freshRootEach in a describe`);
    return root;
  };
}
