import { readFileSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCredentialHelper } from "./helper.js";

// A tester's helper killed at the timeout left its `sleep` running: only the helper was killed.

let bin: string;
let child: number | undefined;
beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), "alpinize-helper-group-"));
  // Starts a child of its own, says which, and waits for it (as a helper prompting would).
  const path = join(bin, "docker-credential-alpinizegroup");
  await writeFile(path, `#!/bin/sh\nsleep 300 &\necho $! > "${join(bin, "child.pid")}"\nwait\n`);
  await chmod(path, 0o755);
});
afterAll(async () => {
  // Whatever the outcome, no sleep of this test outlives it.
  if (child !== undefined && alive(child)) process.kill(child, "SIGKILL");
  await rm(bin, { recursive: true, force: true });
});

/** Running (a zombie waiting for init to reap it is dead already). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function gone(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return !alive(pid);
}

it("a helper given up on at the timeout is killed with the processes it started", async () => {
  const result = await runCredentialHelper(
    "alpinizegroup",
    "127.0.0.1:1",
    { PATH: `${bin}:${process.env.PATH}` },
    500,
  );
  expect(result.problem).toBe("docker-credential-alpinizegroup did not answer within 500 ms");
  child = Number((await readFile(join(bin, "child.pid"), "utf8")).trim());
  expect(child).toBeGreaterThan(1);
  expect(await gone(child, 2000)).toBe(true);
});
