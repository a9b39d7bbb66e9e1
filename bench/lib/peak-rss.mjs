// Peak memory of a command run as a child process: a module preloaded into the child reports
// its own peak RSS when it exits (exact, and the same process; no /usr/bin/time needed).
import { spawnSync } from "node:child_process";

const HOOK =
  "data:text/javascript,process.on('exit',()=>{" +
  "process.stderr.write('\\nBENCH_MAXRSS_KIB '+process.resourceUsage().maxRSS+'\\n')})";

/**
 * Runs `node [nodeFlags] script args` and returns its exit code (or signal), its peak RSS in KiB
 * (NaN when it died before reporting, e.g. out of heap) and its stderr without the report line.
 */
export function peakRss(script, args, { nodeFlags = [], cwd } = {}) {
  const r = spawnSync(process.execPath, [...nodeFlags, "--import", HOOK, script, ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 * 1048576,
  });
  const m = /\nBENCH_MAXRSS_KIB (\d+)\n/.exec(r.stderr);
  return {
    code: r.status ?? r.signal,
    kib: m ? Number(m[1]) : Number.NaN,
    stderr: m ? r.stderr.replace(m[0], "") : r.stderr,
  };
}
