import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const base = "FROM debian:12\n";
const rules = (text: string) => migrate(text).warnings.map((w) => [w.rule, w.message]);

describe("rule 11: apt configuration and Debian's own repositories", () => {
  it("removes apt.conf.d steps (cache-mount keep-cache, docker-clean) with a note", () => {
    const r = migrate(
      `${base}RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache\nRUN echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/norec && apt-get install -y curl\n`,
    );
    expect(r.output).toBe("FROM alpine:3.23\nRUN apk add --no-cache curl\n");
    expect(r.warnings.map((w) => w.message)).toContain(
      "apt configuration step removed: apk does not read /etc/apt (apt.conf.d settings, preferences pins; apk add --no-cache keeps no package cache to preserve)",
    );
    expect(
      migrate(
        `${base}RUN printf 'Package: *\\nPin-Priority: -1\\n' > /etc/apt/preferences.d/no-php\n`,
      ).output,
    ).toBe("FROM alpine:3.23\n");
    // docker-library php's pin: a { …; } group written to preferences.d loses its redirection.
    expect(
      migrate(
        `${base}RUN set -eux; \\\n\t{ \\\n\t\techo 'Package: php*'; \\\n\t} > /etc/apt/preferences.d/no-debian-php\n`,
      ).output,
    ).toBe("FROM alpine:3.23\nRUN set -eux; \\\n\t{ \\\n\t\techo 'Package: php*'; \\\n\t}\n");
  });

  it("keeps and flags an apt proxy setting", () => {
    const text = `${base}RUN echo 'Acquire::http::Proxy "http://proxy:3128";' > /etc/apt/apt.conf.d/01proxy\n`;
    expect(migrate(text).output).toBe(text.replace("debian:12", "alpine:3.23"));
    expect(rules(text)).toEqual([["apt-repos", expect.stringMatching(/^apt proxy setting left/)]]);
  });

  it("removes a backports list written to sources.list.d and warns about -t", () => {
    const r = migrate(
      `${base}RUN echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/bp.list && apt-get update && apt-get install -y -t bookworm-backports golang-go\n`,
    );
    expect(r.output).toBe("FROM alpine:3.23\nRUN apk add --no-cache go\n");
    expect(r.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^Debian\/Ubuntu apt repository \(backports, another suite\) removed/),
      expect.stringMatching(/^-t bookworm-backports dropped/),
    ]);
    expect(
      migrate(`${base}RUN apt-get install --target-release=bookworm-backports -y curl\n`)
        .warnings[0]?.message,
    ).toMatch(/^-t bookworm-backports dropped/);
  });

  it("still keeps third-party repositories and keyed Debian sources", () => {
    for (const step of [
      'echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://apt.example.com stable main" > /etc/apt/sources.list.d/x.list',
      'echo "deb [signed-by=/usr/share/keyrings/d.gpg] http://deb.debian.org/debian sid main" | tee /etc/apt/sources.list.d/sid.list',
      "sed -i 's/deb.debian.org/mirror.example.com/' /etc/apt/sources.list.d/debian.sources",
    ]) {
      const r = migrate(`${base}RUN ${step}\n`);
      expect(r.output).toContain(step);
      expect(r.warnings.map((w) => w.rule)).toContain("apt-repos");
    }
  });
});

describe("quieter notes on a RUN with several related steps", () => {
  it("gives the third-party repository note once per RUN and adds no bash for a vendor setup script", () => {
    const r = migrate(
      `${base}RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - \\\n && curl -sS https://dl.yarnpkg.com/debian/pubkey.gpg | gpg --dearmor -o /usr/share/keyrings/yarn.gpg \\\n && echo "deb [signed-by=/usr/share/keyrings/yarn.gpg] https://dl.yarnpkg.com/debian stable main" > /etc/apt/sources.list.d/yarn.list\n`,
    );
    // The note once (apt-repos), and that the setup script's run fails there (apt, --check).
    expect(r.warnings.map((w) => w.rule)).toEqual(["apt-repos", "apt"]);
    expect(r.output).not.toContain("apk add --no-cache bash");
  });

  it("gives the long locale note once per RUN, even across lines", () => {
    const r = migrate(
      `${base}RUN apt-get install -y locales \\\n && echo "ja_JP.UTF-8 UTF-8" >> /etc/locale.gen \\\n && locale-gen ja_JP.UTF-8 \\\n && update-locale LANG=ja_JP.UTF-8\n`,
    );
    const notes = r.warnings.filter((w) => w.rule === "locales").map((w) => w.message);
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(/musl needs no generated locales/);
    expect(notes.slice(1)).toEqual([
      "locale-gen removed too (see the note above)",
      "update-locale removed too (see the note above)",
    ]);
  });
});

describe("rule 9: browser downloads of test tools", () => {
  it("flags playwright install and puppeteer's Chrome download in a stage moved to Alpine", () => {
    const pw = migrate("FROM node:20-bookworm\nRUN npx playwright install --with-deps chromium\n");
    expect(pw.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^playwright install downloads browsers built for glibc/),
    );
    const pptr = migrate("FROM node:20-slim\nRUN npx @puppeteer/browsers install chrome@stable\n");
    expect(pptr.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/Chrome for Testing, a glibc build/),
    );
    // Stages already on Alpine chose their browser; other npx calls are not flagged.
    expect(migrate("FROM node:20-alpine\nRUN npx playwright install chromium\n").warnings).toEqual(
      [],
    );
    expect(migrate("FROM node:20-slim\nRUN npx playwright test\n").warnings).toEqual([]);
  });
});

describe("rule 9: a .deb install and its repair", () => {
  it("keeps `dpkg -i x.deb || apt-get install -f` so a failed install is not hidden", () => {
    const r = migrate(`${base}RUN dpkg -i /tmp/x.deb || apt-get install -f -y\n`);
    expect(r.output).toBe("FROM alpine:3.23\nRUN dpkg -i /tmp/x.deb || apt-get install -f -y\n");
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/install -f repairs a dpkg -i of a \.deb/),
    );
    // A -f with packages is an ordinary install.
    expect(migrate(`${base}RUN apt-get install -f -y curl\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache curl\n",
    );
  });
});
