import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("packages Alpine sets up differently", () => {
  it("says once that Alpine's mariadb needs mysql_install_db and has networking off", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y default-mysql-server",
        "RUN apt-get install -y mariadb-server",
        "",
      ].join("\n"),
    );
    const notes = r.warnings.filter((w) => /mysql_install_db/.test(w.message));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.line).toBe(2);
    expect(notes[0]!.message).toMatch(/skip-networking/);
  });

  it("is quiet for the client", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y mariadb-client\n",
    );
    expect(r.warnings.some((w) => /mysql_install_db/.test(w.message))).toBe(false);
  });
});

describe("Debian configuration paths", () => {
  it("points ImageMagick 6's policy to ImageMagick 7's directory", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y imagemagick && sed -i 's/none/read/' /etc/ImageMagick-6/policy.xml\n",
    );
    expect(r.warnings.some((w) => /\/etc\/ImageMagick-7/.test(w.message))).toBe(true);
  });

  it("points /etc/bash.bashrc to Alpine's /etc/bash/bashrc", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y bash && echo 'alias ll=\"ls -l\"' >> /etc/bash.bashrc\n",
    );
    expect(r.warnings.some((w) => /\/etc\/bash\/bashrc/.test(w.message))).toBe(true);
  });
});

describe("glibc-only downloads", () => {
  it("flags nvm install in an Alpine stage", () => {
    const r = migrate(
      [
        "FROM ubuntu:24.04",
        "RUN apt-get update && apt-get install -y curl bash",
        'SHELL ["/bin/bash", "-c"]',
        "RUN curl -o- https://raw.githubusercontent.com/nvm-sh/nvm/v0.40.1/install.sh | bash && . ~/.nvm/nvm.sh && nvm install 22",
        "",
      ].join("\n"),
    );
    const w = r.warnings.find((x) => /nvm install/.test(x.message));
    expect(w?.rule).toBe("glibc");
    expect(w?.line).toBe(4);
  });

  it("flags the GitHub Actions runner tarball", () => {
    const r = migrate(
      "FROM ubuntu:22.04\nRUN curl -fsSLo r.tgz https://github.com/actions/runner/releases/download/v2.321.0/actions-runner-linux-x64-2.321.0.tar.gz && tar xzf r.tgz\n",
    );
    expect(
      r.warnings.some((x) => x.rule === "glibc" && /GitHub Actions runner/.test(x.message)),
    ).toBe(true);
  });
});
