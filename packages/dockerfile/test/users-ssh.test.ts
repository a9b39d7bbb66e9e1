// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const unlockWarnings = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "users" && /without PAM/.test(w.message));

describe("users: login users of a stage with sshd are not left locked", () => {
  it("unlocks a useradd login user when the stage installs openssh-server", () => {
    const r = migrate(
      [
        "FROM ubuntu:24.04",
        "RUN apt-get update && apt-get install -y openssh-server sudo",
        "RUN useradd -m -s /bin/bash -G sudo dev \\",
        "    && mkdir -p /home/dev/.ssh",
        'CMD ["/usr/sbin/sshd", "-D", "-e"]',
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "RUN adduser -D -s /bin/bash dev && addgroup -S sudo && addgroup dev sudo && echo 'dev:*' | chpasswd -e \\\n",
    );
    const [w] = unlockWarnings(r);
    expect(w?.message).toMatch(/without PAM/);
    expect(w?.line).toBe(3);
  });

  it("double-quotes a user name held in a variable, and sees Debian's ssh package", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "ARG USERNAME=dev",
        'RUN apt-get install -y ssh && useradd -m $USERNAME && useradd -m -s /bin/zsh "${OTHER}"',
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      'adduser -D $USERNAME && echo "$USERNAME:*" | chpasswd -e && adduser -D -s /bin/zsh "${OTHER}" && echo "${OTHER}:*" | chpasswd -e',
    );
  });

  it("sees an sshd installed later in the stage, or in the stage it is built FROM", () => {
    const later = migrate(
      "FROM debian:bookworm\nRUN useradd -m dev\nRUN apt-get install -y --no-install-recommends openssh-server=1:9.2p1-2\n",
    );
    expect(later.output).toContain("RUN adduser -D dev && echo 'dev:*' | chpasswd -e\n");
    const child = migrate(
      "FROM debian:bookworm AS base\nRUN apt-get install -y openssh-server\nFROM base\nRUN useradd -m dev\n",
    );
    expect(child.output).toContain("RUN adduser -D dev && echo 'dev:*' | chpasswd -e\n");
  });

  it("leaves users sshd does not serve, or whose password the file sets, alone", () => {
    const cases = [
      // No SSH server: nothing logs in over SSH.
      "RUN apt-get install -y openssh-client && useradd -m dev",
      // System users and users without a login shell.
      "RUN apt-get install -y openssh-server && useradd -r svc && useradd -s /usr/sbin/nologin sftp",
      "RUN apt-get install -y openssh-server && useradd -m -s /bin/false git",
      // A password given at creation (set with chpasswd -e, not unlocked with "*").
      "RUN apt-get install -y openssh-server && useradd -m -p '$6$x$y' dev",
      // The file sets the password itself, in the same RUN or a later one.
      "RUN apt-get install -y openssh-server && useradd -m dev && echo 'dev:secret' | chpasswd",
      'RUN apt-get install -y openssh-server && useradd -m $U\nRUN echo "${U}:$PW" | chpasswd',
      "RUN apt-get install -y openssh-server && useradd -m dev\nRUN passwd -d dev",
    ];
    for (const body of cases) {
      const r = migrate(`FROM debian:bookworm\n${body}\n`);
      expect(r.output, body).not.toMatch(/:\*'? \| chpasswd -e/);
      expect(unlockWarnings(r), body).toEqual([]);
    }
  });

  it("unlocks users made by Debian's adduser, converted or kept as written", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN apt-get install -y openssh-server",
        "RUN adduser --quiet --disabled-password --gecos '' dev",
        'RUN adduser --disabled-password --gecos "" ops > /dev/null',
        "RUN adduser --disabled-login --quiet nobody2 && adduser --system --quiet svc",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN adduser -D -g '' dev && echo 'dev:*' | chpasswd -e\n");
    expect(r.output).toContain(
      "RUN adduser --disabled-password --gecos \"\" ops > /dev/null && echo 'ops:*' | chpasswd -e\n",
    );
    expect(r.output).toContain(
      "RUN adduser -D -s /sbin/nologin nobody2 && adduser -S -D -h /nonexistent -s /sbin/nologin -H svc\n",
    );
    expect(unlockWarnings(r)).toHaveLength(2);
  });

  it("leaves stages that were on Alpine already as their authors wrote them", () => {
    const text = "FROM alpine:3.20\nRUN apk add --no-cache openssh && adduser -D dev\n";
    expect(migrate(text).output).toBe(text);
  });
});
