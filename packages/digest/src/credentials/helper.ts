import { spawn } from "node:child_process";
import { formatBytes } from "@alpinize/errors";
import type { Credentials } from "./types.js";

export interface HelperResult {
  credentials?: Credentials;
  /** Set when the helper could not be run or answered garbage. */
  problem?: string;
}

const MAX_OUTPUT = 64 * 1024;

/**
 * Runs `docker-credential-<name> get` with the server URL on stdin (Docker's helper protocol).
 * A non-zero exit saying "not found" means "no credentials here", which is not an error; any
 * other failure is a warning that gives the exit status only (its output may hold a secret).
 */
export function runCredentialHelper(
  name: string,
  serverUrl: string,
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs = 10_000,
): Promise<HelperResult> {
  const program = `docker-credential-${name}`;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    return Promise.resolve({ problem: `credential helper name "${name}" is not valid` });
  }
  return new Promise((resolve) => {
    // Its own process group, so that giving up kills what the helper started too (a `sleep`
    // or a prompt it waits on would otherwise outlive us, holding our pipe open).
    const child = spawn(program, ["get"], {
      env,
      stdio: ["pipe", "pipe", "ignore"],
      detached: true,
    });
    let out = "";
    let settled = false;
    const finish = (result: HelperResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // A killed helper's own children can keep our stdout pipe open (and so the whole CLI
    // alive): the whole group is killed, and the pipes let go of, once we give up on it.
    const abandon = () => {
      killGroup(child.pid);
      child.kill("SIGKILL");
      child.stdout.destroy();
      child.stdin.destroy();
      child.unref();
    };
    const timer = setTimeout(() => {
      abandon();
      finish({ problem: `${program} did not answer within ${timeoutMs} ms` });
    }, timeoutMs);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
      if (out.length > MAX_OUTPUT) {
        abandon();
        finish({ problem: `${program} wrote more than ${formatBytes(MAX_OUTPUT)}` });
      }
    });
    child.on("error", (err: NodeJS.ErrnoException) =>
      finish({
        problem:
          err.code === "ENOENT" ? `${program} is not on PATH` : `${program} failed: ${err.code}`,
      }),
    );
    child.on("close", (code) => {
      if (code === 0) return finish(parseHelperOutput(program, out));
      if (/not found/i.test(out)) return finish({});
      finish({
        problem: `${program} failed (exit status ${code ?? "signal"}); its output is not shown as it may hold secrets`,
      });
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(serverUrl);
  });
}

/** SIGKILL to the helper's process group (its pid, as it leads the group it was started in). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // The group is gone already (or never formed, when spawning failed).
  }
}

function parseHelperOutput(program: string, out: string): HelperResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(out);
  } catch {
    return { problem: `${program} printed something that is not JSON` };
  }
  const { Username, Secret } = (parsed ?? {}) as { Username?: unknown; Secret?: unknown };
  if (typeof Secret !== "string" || Secret === "") return {};
  const source = `credential helper ${program}`;
  if (Username === "<token>") return { credentials: { identityToken: Secret, source } };
  if (typeof Username !== "string") return { problem: `${program} gave no Username` };
  return { credentials: { username: Username, password: Secret, source } };
}
