// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("second review round", () => {
  it("adds no www-data to images whose Alpine variant has it (httpd, wordpress, php behind a registry)", () => {
    for (const text of [
      "FROM httpd:2.4\nCOPY --chown=www-data:www-data ./site/ /usr/local/apache2/htdocs/\n",
      "FROM wordpress:6-fpm\nUSER www-data\n",
      "ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/php:8.3-fpm\nCOPY --chown=www-data . /app\n",
    ]) {
      expect(migrate(text).output).not.toContain("adduser");
    }
  });

  it("creates www-data in a child stage when no parent did, once", () => {
    const r = migrate(
      "FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nRUN mkdir /data && chown www-data:www-data /data\nUSER www-data\n",
    );
    expect(r.output.match(/adduser -u 82/g)).toHaveLength(1);
    expect(r.output).toMatch(/FROM base\nRUN adduser -u 82 -D -S -H -G www-data www-data\n/);
  });

  it("does not add $PHPIZE_DEPS again after a heredoc RUN installed it", () => {
    const r = migrate(
      "FROM php:8.3-cli-alpine\nRUN <<EOT\napk add --no-cache libzip-dev $PHPIZE_DEPS\nEOT\nRUN pecl install apcu\n",
    );
    expect(r.output.match(/PHPIZE_DEPS/g)).toHaveLength(1);
    const deb = migrate(
      "FROM php:8.3-cli\nRUN <<EOT\napt-get update\napt-get install -y libzip-dev\npecl install zip\nEOT\nRUN pecl install apcu\n",
    );
    expect(deb.output.match(/PHPIZE_DEPS/g)).toHaveLength(1);
  });

  it("applies the image rules behind ${REGISTRY}/ and converts FROMs with variable tags there", () => {
    const php = migrate(
      "ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/php:8.3-fpm\nRUN pecl install redis && chown -R 33:33 /var/www/html\n",
    );
    expect(php.output).toContain("RUN apk add --no-cache $PHPIZE_DEPS\n");
    expect(php.warnings.some((w) => /www-data is UID 33/.test(w.message))).toBe(true);
    const deb = migrate(
      "ARG REGISTRY=docker.io\nARG V=12\nFROM --platform=$BUILDPLATFORM ${REGISTRY}/debian:${V}-slim AS a\nRUN apt-get update && apt-get install -y curl\n",
    );
    expect(deb.output).toContain(
      "FROM --platform=$BUILDPLATFORM ${REGISTRY}/alpine:3.23 AS a\nRUN apk add --no-cache curl\n",
    );
  });

  it("joins an Alpine base group of the user's name instead of creating it", () => {
    const r = migrate("FROM debian:12\nRUN useradd -r -u 1001 ping\n");
    expect(r.output).toContain("RUN adduser -S -D -u 1001 -G ping -s /bin/sh -H ping\n");
    expect(r.warnings[0]?.message).toMatch(/group ping already exists in Alpine's base image/);
  });

  it("translates grep -qe clusters and $(dpkg --print-architecture) piped to grep; flags =~", () => {
    const r = migrate(
      'FROM debian:12\nSHELL ["/bin/bash","-c"]\nRUN a="$(dpkg --print-architecture)"; echo "$a" | grep -qe arm64 -e armhf && echo x; echo "$(dpkg --print-architecture)" | grep -q arm64 && echo y; [[ $a =~ ^arm ]] && echo z\n',
    );
    expect(r.output).toContain(
      'grep -qe aarch64 -e armv7 && echo x; echo "$(apk --print-arch)" | grep -q aarch64',
    );
    expect(
      r.warnings.some((w) =>
        /the =~ pattern here is matched against what apk --print-arch prints/.test(w.message),
      ),
    ).toBe(true);
  });

  it("keeps quiet where the Dockerfile already answers the warning", () => {
    expect(migrate("FROM debian:12\nRUN ls /usr/share/zoneinfo-leaps\n").output).not.toContain(
      "tzdata",
    );
    const go = migrate(
      "FROM golang:1.23 AS b\nENV CGO_ENABLED=0\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=b /app /app\n",
    );
    expect(go.warnings.some((w) => /no C library/.test(w.message))).toBe(false);
    const net = migrate(
      "FROM mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true\n",
    );
    expect(net.warnings).toEqual([]);
    expect(migrate("FROM mcr.microsoft.com/dotnet/sdk:8.0\n").warnings).toEqual([]);
  });

  it("does not both remove and keep apt-mark hold", () => {
    const r = migrate("FROM debian:12\nRUN apt-mark hold curl | { cat; }\n");
    expect(r.warnings.some((w) => /apt-mark hold removed/.test(w.message))).toBe(false);
    expect(r.warnings.some((w) => /feeds a compound command/.test(w.message))).toBe(true);
  });
});

describe("PGDG packages on the postgres image", () => {
  it("drops what the image builds in and flags extensions, only on postgres images", () => {
    const r = migrate(
      "FROM postgres:16-bookworm\nRUN apt-get update && apt-get install -y postgresql-contrib postgresql-16-postgis-3 postgresql-server-dev-16 curl\n",
    );
    expect(r.output).toContain("RUN apk add --no-cache postgresql-16-postgis-3 curl\n");
    expect(r.warnings.some((w) => /PGDG package for Debian's postgres image/.test(w.message))).toBe(
      true,
    );
    const plain = migrate("FROM debian:12\nRUN apt-get install -y postgresql-contrib\n");
    expect(plain.output).toMatch(/apk add --no-cache postgresql\d+-contrib/);
  });
});
