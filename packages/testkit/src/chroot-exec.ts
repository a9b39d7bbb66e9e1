import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ChrootExecOptions {
  /** chroot's `--userspec` (USER:GROUP); root when not given. */
  user?: string;
  /** Supplementary groups of the caller (chroot's `--groups`), like `docker run --group-add`. */
  groups?: string;
  env?: Record<string, string>;
}

export interface ChrootResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs argv in the root under chroot, in a private mount and PID namespace whose own /proc (gosu
 * and su-exec read /proc/self) disappears with the process: nothing is left mounted or running.
 * The root needs a /proc directory. A non-zero exit is a result, not an error; killed after 30 s.
 */
export async function execInRoot(
  dir: string,
  argv: readonly string[],
  options: ChrootExecOptions = {},
): Promise<ChrootResult> {
  const args = ["--mount", "--pid", "--fork", `--mount-proc=${join(dir, "proc")}`, "chroot"];
  // chroot takes --groups only together with --userspec.
  const user = options.user ?? (options.groups ? "0:0" : undefined);
  if (user) args.push(`--userspec=${user}`);
  if (options.groups) args.push(`--groups=${options.groups}`);
  args.push(dir, ...argv);
  try {
    const { stdout, stderr } = await run("unshare", args, {
      env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", ...options.env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw err;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}
