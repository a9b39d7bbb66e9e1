import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("php links with other additions (review round 7)", () => {
  it("keeps packages later rules add in front of the && ln -sf step", () => {
    const r = migrate(
      [
        "FROM ubuntu:24.04",
        "RUN apt-get update && apt-get install -y php8.3-cli",
        'CMD ["bash", "-c", "php -S 0.0.0.0:80"]',
        "",
      ].join("\n"),
      { release: "3.24" },
    );
    expect(r.output).toMatch(
      // php83-cli with the extensions Debian's php8.3-cli brings (package-map's php parts).
      /apk add --no-cache php83-cli (?:php83-[a-z]+ )+bash && ln -sf \/usr\/bin\/php83 \/usr\/bin\/php\n/,
    );
  });

  it("links phpize for a build-deps -dev install used in the same RUN", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y php8.3-cli",
        "RUN apt-get install -y php8.3-dev && phpize --version && apt-get purge -y php8.3-dev",
        "",
      ].join("\n"),
      { release: "3.24" },
    );
    expect(r.output).toMatch(
      /php83-dev && ln -sf \/usr\/bin\/phpize83 \/usr\/bin\/phpize && phpize --version/,
    );
  });

  it("links php where it is installed when a stage built FROM it runs php", () => {
    const r = migrate(
      [
        "FROM debian:bookworm AS base",
        "RUN apt-get update && apt-get install -y php8.3-cli",
        "FROM base AS run",
        'CMD ["php", "-S", "0.0.0.0:80"]',
        "",
      ].join("\n"),
      { release: "3.24" },
    );
    expect(r.output).toMatch(
      /php83-cli(?: php83-[a-z]+)+ && ln -sf \/usr\/bin\/php83 \/usr\/bin\/php\n/,
    );
  });
});

describe("users in SSH stages (review round 7)", () => {
  it("double-quotes the entry inside a single-quoted sh -c string, so it converts", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y openssh-server",
        "RUN sh -c 'useradd -m -s /bin/sh alice'",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      `RUN sh -c 'adduser -D -s /bin/sh alice && echo "alice:*" | chpasswd -e'`,
    );
  });

  it("groups the steps appended to a user made on the right of ||", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y openssh-server",
        "RUN id dev2 || useradd -m -s /bin/sh dev2",
        "RUN id dev3 || useradd -m -s /bin/sh -G users dev3 && echo done",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "RUN id dev2 || { adduser -D -s /bin/sh dev2 && echo 'dev2:*' | chpasswd -e; }",
    );
    expect(r.output).toContain(
      "RUN id dev3 || { adduser -D -s /bin/sh dev3 && addgroup dev3 users && echo 'dev3:*' | chpasswd -e; } && echo done",
    );
  });
});

describe("more of review round 7", () => {
  it("moves the login shell of a kept Debian adduser on releases before the usr merge", () => {
    const r = migrate(
      'FROM debian:bookworm\nRUN adduser --disabled-password --gecos "" --shell /usr/bin/zsh u\n',
      { release: "3.22" },
    );
    expect(r.output).toContain('adduser --disabled-password --gecos "" --shell /bin/zsh u');
  });

  it("flags the Actions runner tarball named with variables", () => {
    const r = migrate(
      "FROM ubuntu:22.04\nARG RUNNER_VERSION=2.321.0\nRUN curl -fsSLo r.tgz https://github.com/actions/runner/releases/download/v$RUNNER_VERSION/actions-runner-linux-x64-$RUNNER_VERSION.tar.gz\n",
    );
    expect(r.warnings.some((w) => /GitHub Actions runner/.test(w.message))).toBe(true);
  });

  it("looks through tini, dumb-init, env and su-exec to the program an ENTRYPOINT starts", () => {
    for (const start of [
      '["tini", "--", "xvfb-run", "-a", "npm", "test"]',
      '["dumb-init", "--", "xvfb-run", "npm", "test"]',
      '["env", "DISPLAY=:99", "xvfb-run", "npm", "test"]',
      '["su-exec", "app", "xvfb-run", "npm", "test"]',
    ]) {
      const r = migrate(
        `FROM debian:bookworm\nRUN apt-get update && apt-get install -y xvfb\nENTRYPOINT ${start}\n`,
      );
      expect(r.output, start).toMatch(/xvfb xvfb-run/);
    }
  });

  it("finds a bash entrypoint copied with a glob", () => {
    const files: Record<string, string> = {
      "scripts/docker-entrypoint.sh": '#!/bin/bash\nexec "$@"\n',
    };
    const r = migrate(
      'FROM debian:12-slim\nCOPY scripts/*.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n',
      { readContextFile: (p) => files[p] },
    );
    expect(r.output).toMatch(/apk add --no-cache bash/);
    const other = migrate(
      'FROM debian:12-slim\nCOPY scripts/*.py /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n',
      { readContextFile: (p) => files[p] },
    );
    expect(other.output).not.toMatch(/bash/);
  });
});

describe("redirections of converted user calls", () => {
  it("keep applying to what the call became", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN groupadd -g 1500 app 2>/dev/null || true",
        "RUN useradd -u 1500 -g app -G users app >/dev/null 2>&1 || true",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN addgroup -g 1500 app 2>/dev/null || true");
    expect(r.output).toContain(
      "RUN { adduser -D -u 1500 -G app -H app && addgroup app users; } >/dev/null 2>&1 || true",
    );
  });
});
