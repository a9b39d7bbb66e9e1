// Removing Debian steps from pipelines, && / || chains and compound commands without changing
// what runs or the exit status.
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("expert review round (pipelines into compounds, removed installs, && / || around compounds)", () => {
  it("keeps an install piped into a step it would remove, and extends that apk add", () => {
    const r = migrate(
      'FROM debian:bookworm-slim\nRUN apt-get install -y git | apt-mark manual git; grep -P "a\\\\d" /etc/hosts\nCMD ["bash"]\n',
    );
    // The install piped into apt-mark is kept (and flagged), not deleted with it.
    expect(r.output).toContain("RUN apk add --no-cache git bash grep | apt-mark manual git;");
    expect(
      r.warnings.some((w) => /apt-mark is piped together with an apt install/.test(w.message)),
    ).toBe(true);
    // A debconf or locale step piped from real work is left, flagged, and the install kept.
    for (const tail of ["dpkg-reconfigure x", "locale-gen"]) {
      const kept = migrate(
        `FROM debian:bookworm-slim\nRUN yes | apt-get install -y git | ${tail}\n`,
      );
      expect(kept.output).toContain(`RUN yes | apk add --no-cache git | ${tail}`);
      expect(kept.warnings[0]?.message).toMatch(/this pipeline does other work: left as is/);
    }
  });

  it("removes a bookkeeping pipeline whose apt step is removed too, in one run", () => {
    const r = migrate(
      'FROM debian:bookworm-slim\nRUN apt-mark showmanual | apt-get update\nCMD ["sh"]\n',
    );
    expect(r.output).toBe('FROM alpine:3.23\nCMD ["sh"]\n');
    expect(r.warnings.some((w) => /piped together/.test(w.message))).toBe(false);
    // `apt-get clean` is removed as well; an install beside apt-mark still is not.
    const clean = migrate(
      "FROM debian:bookworm-slim\nRUN apt-get clean | apt-mark auto curl; echo ok\n",
    );
    expect(clean.output).toContain("RUN echo ok");
  });

  it("removes a chain left with nothing but `|| true`", () => {
    const r = migrate(
      "FROM ubuntu:24.04\nRUN set -e; userdel ubuntu; groupdel ubuntu 2>/dev/null || true; echo x\nRUN apt-get update || :\n",
    );
    expect(r.output).toBe("FROM alpine:3.23\nRUN set -e; echo x\n");
    // A kept step before the removed one keeps the chain (and its `|| true`).
    expect(migrate("FROM debian:12\nRUN echo a && apt-get clean || true\n").output).toContain(
      "RUN echo a || true\n",
    );
  });

  it("treats only apt-mark calls and its saved list as bookkeeping, not words naming it", () => {
    const kept = [
      'RUN echo "tip: use apt-mark to hold packages" > /etc/motd',
      "RUN cp /src/savedAptMark.txt /x && make",
      "RUN ls /usr/bin | grep -c apt-mark",
      "RUN ./configure --with-iconv apt-mark | tee log",
    ];
    const r = migrate(`FROM debian:12\n${kept.join("\n")}\n`);
    expect(r.output).toBe(`FROM alpine:3.23\n${kept.join("\n")}\n`);
    const book = migrate(
      'FROM debian:12\nRUN savedAptMark="$(apt-mark showmanual)"; [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark; echo done\n',
    );
    expect(book.output).toBe("FROM alpine:3.23\nRUN echo done\n");
  });

  it("leaves a pipeline into a ( … ) subshell after && or ||, and a locale edit piped on", () => {
    for (const run of [
      "make || apt-mark manual foo | ( cat )",
      "[ -f /x ] && echo 'x' >> /etc/locale.gen | ( make )",
      "make || echo 'x' >> /etc/locale.gen | tee /x",
    ]) {
      const r = migrate(`FROM debian:12\nRUN ${run}\n`);
      expect(r.output).toBe(`FROM alpine:3.23\nRUN ${run}\n`);
      expect(r.warnings[0]?.message).toMatch(/left as (?:it )?is/);
    }
  });

  it("keeps true before a word that would otherwise open the RUN as a flag", () => {
    expect(migrate("FROM debian:12\nRUN apt-get update && --mount=x ls\n").output).toBe(
      "FROM alpine:3.23\nRUN true && --mount=x ls\n",
    );
  });

  it("leaves a pipeline that runs into a compound command, and says so", () => {
    const text = [
      "FROM debian:bookworm-slim",
      "RUN set -eux; \\",
      "    apt-get update; \\",
      '    apt-mark showmanual | while read -r p; do echo "$p" >> /manual.txt; done; \\',
      "    echo done",
      "",
    ].join("\n");
    const r = migrate(text);
    expect(r.output).toContain(
      'apt-mark showmanual | while read -r p; do echo "$p" >> /manual.txt; done',
    );
    expect(r.warnings.some((w) => /feeds a compound command \(\| while …\)/.test(w.message))).toBe(
      true,
    );
  });

  it("keeps the exit status around compound commands in && / || chains", () => {
    const run = (body: string) => migrate(`FROM debian:12\nRUN ${body}\n`).output.split("\n")[1];
    expect(run("apt-get update || { echo fail; exit 1; }")).toBe(
      "RUN true || { echo fail; exit 1; }",
    );
    expect(run("apt-get update || if true; then exit 1; fi")).toBe(
      "RUN true || if true; then exit 1; fi",
    );
    expect(run("apt-get update && { echo ok; }")).toBe("RUN { echo ok; }");
    expect(run("{ echo a; } || apt-get update")).toBe("RUN { echo a; } || true");
    expect(run("{ echo a; } && apt-get clean")).toBe("RUN { echo a; }");
    expect(run("apt-get update || for i in 1; do echo $i; done")).toBe(
      "RUN true || for i in 1; do echo $i; done",
    );
  });
});

describe("a removed step in the middle of a && chain keeps the line layout", () => {
  it("takes `apt-get update && ` rather than joining its line to the one above", () => {
    const r = migrate(
      "FROM debian:12\nRUN set -ex \\\n  && apt-get update && apt-get install -y git \\\n  && echo done\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN set -ex \\\n  && apk add --no-cache git \\\n  && echo done\n",
    );
  });
});

describe("build-deps purge after a native build with no runtime-library scan", () => {
  const build = (middle: string) =>
    [
      "FROM python:3.12-slim",
      "RUN set -eux; \\",
      '\tsavedAptMark="$(apt-mark showmanual)"; \\',
      "\tapt-get update; apt-get install -y --no-install-recommends gcc libpcre2-dev; \\",
      `\t${middle}; \\`,
      "\tapt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; \\",
      "\tapt-get purge -y --auto-remove",
      "",
    ].join("\n");

  it("warns that apk del may take libraries the build links to", () => {
    const r = migrate(build("pip install uwsgi"));
    expect(r.output).toContain("apk del --no-network .build-deps");
    expect(r.warnings.some((w) => /apk del removes the build dependencies/.test(w.message))).toBe(
      true,
    );
  });

  it("says nothing when nothing native is built", () => {
    const r = migrate(build("echo nothing to compile"));
    expect(r.warnings.some((w) => /apk del removes the build dependencies/.test(w.message))).toBe(
      false,
    );
  });
});
