// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("third review round", () => {
  it("does not crash when a removed package list holds a dpkg --print-architecture", () => {
    const r = migrate(
      'FROM debian:bookworm\nRUN apt-get install -y gcc && apt-get purge -y gcc x="$(dpkg --print-architecture)"\n',
    );
    expect(r.output).toContain("apk del --no-network .build-deps");
  });

  it("keeps the same SHELL decision on a second run when a user gets a bash login shell", () => {
    // migrate() itself fails on a second run that changes anything.
    const r = migrate(
      'FROM debian:bookworm\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN apt-get update && apt-get install -y curl\nRUN useradd -s /bin/bash u\n',
    );
    expect(r.output).toContain("RUN apk add --no-cache bash\n");
    const debianAdduser = migrate(
      "FROM debian:12\nRUN adduser --disabled-password --gecos '' --shell /bin/bash app\n",
    );
    expect(debianAdduser.output).toContain("RUN apk add --no-cache bash\n");
  });

  it("switches to root for the www-data line after a non-root USER", () => {
    const r = migrate(
      "FROM debian:bookworm-slim AS base\nRUN apt-get update && apt-get install -y nginx\nUSER 1000\nFROM base\nCOPY --chown=www-data:www-data html/ /var/www/html/\n",
    );
    expect(r.output).toContain(
      "FROM base\nUSER root\nRUN adduser -u 82 -D -S -H -G www-data www-data\nUSER 1000\n",
    );
  });

  it("removes an apt-get update whose output only went through filters", () => {
    expect(
      migrate("FROM debian:12\nRUN apt-get update 2>&1 | grep -v W:\nRUN echo ok\n").output,
    ).toBe("FROM alpine:3.23\nRUN echo ok\n");
  });

  it("leaves files that were on Alpine already alone", () => {
    const text = "FROM alpine:3.20\nENV TZ=Europe/Oslo\nRUN chown www-data /srv\n";
    expect(migrate(text).output).toBe(text);
    const go =
      "FROM golang:1.22-alpine AS b\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=b /app /app\n";
    expect(migrate(go).output).toBe(go);
    // Their shell, shadow users, dpkg architecture names and gosu downloads were chosen there.
    for (const kept of [
      "FROM alpine:3.20\nRUN apk add --no-cache shadow && groupadd -g 1001 app && useradd -m -u 1001 -g app app\n",
      'FROM node:20-alpine\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo hi\n',
      'FROM bash:5.2\nCMD ["bash", "-c", "echo"]\n',
      "FROM alpine:3.20\nRUN adduser -D -s /bin/bash app\n",
      "FROM node:20-alpine\nRUN wget --progress=dot:giga -O x https://x/y && grep -P a x && su --login root -c id\n",
      'FROM alpine:3.20\nRUN apk add --no-cache --virtual .d dpkg && case "$(dpkg --print-architecture)" in amd64) echo x ;; esac\n',
    ]) {
      expect(migrate(kept).output).toBe(kept);
    }
    // Without shadow, useradd cannot work on Alpine: converted even there.
    expect(migrate("FROM alpine:3.20\nRUN useradd -m app\n").output).toContain("adduser");
  });

  it("flags no PEP 668 on the python images, whose pip is their own", () => {
    const r = migrate(
      "FROM python:3.12-slim-bookworm\nRUN apt-get update && apt-get install -y python3-dev gcc python3\nRUN pip install uwsgi\n",
    );
    expect(r.warnings.some((w) => /PEP 668/.test(w.message))).toBe(false);
    // gcc next to any -dev package gets the libc headers Debian's -dev packages pulled in.
    expect(r.output).toContain("apk add --no-cache python3-dev gcc musl-dev python3");
  });

  it("names numeric supplementary groups, and says the registry variable once", () => {
    const r = migrate("FROM debian:12\nRUN groupadd -g 2000 g && useradd -u 2000 -G 2000 u\n");
    expect(r.output).toContain("&& addgroup u g");
    const reg = migrate(
      "ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/debian:12 AS a\nFROM ${REGISTRY}/library/debian:12\n",
    );
    expect(reg.warnings.filter((w) => /supplies the registry/.test(w.message))).toHaveLength(1);
  });

  it("flags the Debian postgres image's sample configuration path", () => {
    const r = migrate(
      "FROM postgres:16\nRUN echo \"shared_preload_libraries='pg_stat_statements'\" >> /usr/share/postgresql/postgresql.conf.sample\n",
    );
    expect(
      r.warnings.some((w) =>
        /\/usr\/local\/share\/postgresql\/postgresql\.conf\.sample/.test(w.message),
      ),
    ).toBe(true);
  });

  it("is idempotent when an apt step that becomes true feeds debconf", () => {
    const r = migrate("FROM debian:12\nRUN apt-get clean | debconf-set-selections < /tmp/sel\n");
    expect(r.output).toBe("FROM alpine:3.23\n");
  });
});
