import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import { alpineRoots, busyboxSkipReason } from "./support/busybox-root.js";

const lines = (text: string) => migrate(text).output.split("\n");
const warnings = (text: string) => migrate(text).warnings.map((w) => `${w.line}: ${w.message}`);
const INSTALL = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y cron\n";

describe("cron started by ENTRYPOINT/CMD becomes Alpine's crond", () => {
  it.each([
    ['CMD ["cron","-f"]', 'CMD ["crond","-f"]'],
    ["CMD cron -f", "CMD crond -f"],
    ['ENTRYPOINT ["cron", "-f"]', 'ENTRYPOINT ["crond", "-f"]'],
    ['ENTRYPOINT ["/usr/sbin/cron","-f"]', 'ENTRYPOINT ["/usr/sbin/crond","-f"]'],
    ['ENTRYPOINT ["tini","--","cron","-f"]', 'ENTRYPOINT ["tini","--","crond","-f"]'],
    ["CMD cron -f && tail -f /var/log/cron.log", "CMD crond -f && tail -f /var/log/cron.log"],
    ['CMD ["sh","-c","cron -f"]', 'CMD ["sh","-c","crond -f"]'],
    ["CMD cron", "CMD crond"],
  ])("%s -> %s, with no warning about cron", (written, after) => {
    const text = `${INSTALL}${written}\n`;
    expect(lines(text)[2]).toBe(after);
    // apt-get install cron is cronie, whose crond reads /etc/cron.d as Debian's cron does.
    expect(lines(text)[1]).toBe("RUN apk add --no-cache cronie");
    expect(warnings(text).filter((w) => /\bcron\b/.test(w))).toEqual([]);
  });

  it.each([
    ["CMD cron -f -L 15", "-L 15"],
    ['CMD ["cron","-f","-l"]', "-l"],
    ['CMD ["cron","-n"]', "-n"],
    ['CMD cron -f "$CRON_OPTS"', "(a word set at run time)"],
  ])("%s keeps its options' meaning: left, with the replacement to write", (written, shown) => {
    const text = `${INSTALL}${written}\n`;
    expect(lines(text)[2]).toBe(written);
    const found = warnings(text).filter((w) => w.includes("starts cron"));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`its options ${shown} mean other things to crond`);
    expect(found[0]).toContain("start crond -f");
  });

  it("leaves a stage that stays on Debian alone", () => {
    const text = 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nCMD ["cron","-f"]\n';
    expect(migrate(text).output).toBe(text);
  });
});

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("busybox crond reads -f as Debian's cron does", () => {
  const newRoot = alpineRoots("alpinize-cron-");
  const crond = (root: string, args: string[]) =>
    spawnSync(
      "chroot",
      [
        root,
        "/bin/sh",
        "-c",
        'mkdir -p /var/spool/cron/crontabs && exec crond "$@"',
        "sh",
        ...args,
      ],
      {
        encoding: "utf8",
        timeout: 1500,
        killSignal: "SIGKILL",
      },
    );

  it("crond -f stays in the foreground (killed at the timeout, not exited)", () => {
    const r = crond(newRoot(), ["-f"]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGKILL" });
  });

  it("crond refuses Debian's -n, so it is never carried over", () => {
    const r = crond(newRoot(), ["-f", "-n"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/invalid option|Usage/);
  });
});
