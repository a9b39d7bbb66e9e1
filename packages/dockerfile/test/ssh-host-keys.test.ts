import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const hostKeyNotes = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => /no SSH host keys/.test(w.message));

describe("apt: sshd gets the host keys Debian's postinst generated", () => {
  it("appends ssh-keygen -A to the apk add when the CMD starts sshd", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm-slim",
        "RUN apt-get update && apt-get install -y --no-install-recommends openssh-server \\",
        "    && mkdir /run/sshd && rm -rf /var/lib/apt/lists/*",
        "EXPOSE 22",
        'CMD ["/usr/sbin/sshd", "-D"]',
      ),
    );
    expect(r.output).toContain(
      "RUN apk add --no-cache openssh-server && ssh-keygen -A \\\n    && mkdir /run/sshd\n",
    );
    const [note] = hostKeyNotes(r);
    expect(note?.line).toBe(2);
    expect(note?.message).toMatch(/added ssh-keygen -A after the apk add/);
  });

  it("follows a ; chain, Debian's ssh package, and an sshd started by a stage built FROM it", () => {
    const r = migrate(
      lines(
        "FROM ubuntu:24.04 AS base",
        "RUN set -e; apt-get update; apt-get install -y ssh; rm -rf /var/lib/apt/lists/*",
        "FROM base",
        'ENTRYPOINT ["tini", "--", "/usr/sbin/sshd", "-D", "-e"]',
      ),
    );
    expect(r.output).toContain("RUN set -e; apk add --no-cache openssh; ssh-keygen -A\n");
  });

  it("sees sshd run by a RUN of the stage (a config test needs the keys too)", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        "RUN apt-get install -y openssh-server",
        "COPY sshd_config /etc/ssh/sshd_config",
        "RUN /usr/sbin/sshd -t",
      ),
    );
    expect(r.output).toContain("RUN apk add --no-cache openssh-server && ssh-keygen -A\n");
  });

  it("leaves an install that already generates the keys alone, and runs twice the same", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        "RUN apt-get install -y openssh-server && ssh-keygen -q -A",
        'CMD ["/usr/sbin/sshd", "-D"]',
      ),
    );
    expect(r.output).toContain("RUN apk add --no-cache openssh-server && ssh-keygen -q -A\n");
    expect(r.output.match(/ssh-keygen/g)).toHaveLength(1);
    expect(hostKeyNotes(r)).toEqual([]);
  });

  it("warns with the fix where the step cannot be appended", () => {
    const piped = migrate(
      lines(
        "FROM debian:12",
        "RUN apt-get install -y openssh-server | tee /tmp/apt.log",
        'CMD ["/usr/sbin/sshd", "-D"]',
      ),
    );
    expect(piped.output).not.toContain("ssh-keygen");
    expect(hostKeyNotes(piped)[0]?.message).toMatch(
      /cannot append to this install safely: add && ssh-keygen -A right after the apk add of openssh-server/,
    );
    const nested = migrate(
      lines(
        "FROM debian:12",
        "RUN sh -c 'apt-get update && apt-get install -y openssh-server'",
        'CMD ["/usr/sbin/sshd", "-D"]',
      ),
    );
    expect(nested.output).toContain("RUN sh -c 'apk add --no-cache openssh-server'\n");
    expect(hostKeyNotes(nested)[0]?.message).toMatch(/cannot append to this install safely/);
  });

  it("only warns when nothing in sight starts sshd, and not at all for the client", () => {
    const unseen = migrate(
      lines(
        "FROM debian:12",
        "RUN apt-get install -y openssh-server supervisor",
        'CMD ["/usr/bin/supervisord", "-n"]',
      ),
    );
    expect(unseen.output).not.toContain("ssh-keygen");
    expect(hostKeyNotes(unseen)[0]?.message).toMatch(/if this image runs sshd/);
    const client = migrate(lines("FROM debian:12", "RUN apt-get install -y openssh-client"));
    expect(hostKeyNotes(client)).toEqual([]);
  });
});
