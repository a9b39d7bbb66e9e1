import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("users Debian's base image has and Alpine's does not", () => {
  it("creates www-data the Alpine way when a converted stage runs as it or chowns to it", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get update && apt-get install -y nginx && chown -R www-data:www-data /var/www\nUSER www-data\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN adduser -u 82 -D -S -H -G www-data www-data\nRUN apk add --no-cache nginx && chown -R www-data:www-data /var/www\nUSER www-data\n",
    );
    expect(r.warnings.find((w) => w.rule === "users")?.message).toMatch(/UID 33.*UID 82/);
  });

  it("flags the other Debian-only users, and leaves php images (which have www-data) alone", () => {
    const r = migrate("FROM ubuntu:22.04\nCOPY --chown=proxy:proxy a /a\n");
    expect(r.warnings.find((w) => w.rule === "users")?.message).toMatch(
      /user proxy exists in Debian's base image/,
    );
    const php = migrate("FROM php:8.3-fpm-bookworm\nUSER www-data\n");
    expect(php.output).not.toContain("adduser");
  });

  it("flags numeric IDs that the official image's Alpine variant gives another user", () => {
    const r = migrate("FROM postgres:16-bookworm\nUSER 999\n");
    expect(r.warnings.find((w) => w.rule === "users")?.message).toBe(
      "postgres is UID 999 in the Debian image and 70 in its Alpine variant: use the name (postgres) or 70",
    );
    expect(
      migrate("FROM php:8.3-fpm-bookworm\nRUN chown -R 33:33 /var/www\n").warnings.some((w) =>
        /www-data is UID 33/.test(w.message),
      ),
    ).toBe(true);
    expect(migrate("FROM postgres:16-bookworm\nUSER postgres\n").warnings).toEqual([]);
  });

  it("drops userdel ubuntu on Ubuntu images only (Alpine has no such user)", () => {
    const r = migrate("FROM ubuntu:24.04\nRUN userdel -r ubuntu && useradd -u 1000 -m app\n");
    expect(r.output).toBe("FROM alpine:3.23\nRUN adduser -D -u 1000 app\n");
    expect(r.warnings[0]?.message).toMatch(/userdel ubuntu removed/);
    expect(migrate("FROM debian:12\nRUN userdel -r ubuntu\n").output).toContain(
      "deluser --remove-home ubuntu",
    );
  });

  it("takes groups that installed packages create as existing (docker), flags the others", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get install -y docker.io && useradd -m app && usermod -aG docker app && adduser app staf\n",
    );
    const groups = r.warnings.filter((w) => /is not in Alpine's base image/.test(w.message));
    expect(groups.map((w) => w.message.split(" ")[1])).toEqual(["staf"]);
  });
});

describe("www-data switched to by sudo, su, runuser, su-exec, gosu", () => {
  const ADD = "RUN adduser -u 82 -D -S -H -G www-data www-data";
  it.each([
    "RUN sudo -u www-data php artisan migrate",
    "RUN sudo -E --user=www-data php artisan migrate",
    'RUN su -s /bin/sh www-data -c "php artisan migrate"',
    "RUN su -l -s /bin/sh -c 'php artisan migrate' www-data",
    "RUN runuser -u www-data -- php artisan migrate",
    "RUN su-exec www-data:www-data php artisan migrate",
    "RUN gosu www-data php artisan migrate",
    'CMD ["gosu", "www-data", "php", "artisan", "serve"]',
    "USER www-data",
  ])("adds the user once for %s", (line) => {
    const r = migrate(`FROM debian:bookworm\n${line}\nRUN sudo -u www-data true\n`);
    expect(r.output).toBe(`FROM alpine:3.23\n${ADD}\n${line}\nRUN sudo -u www-data true\n`);
    const warned = r.warnings.filter((w) => /user www-data \(UID 33\)/.test(w.message));
    expect(warned.map((w) => w.line)).toEqual([2]);
  });

  it("adds it once per stage chain, and not for other users", () => {
    const r = migrate(
      "FROM debian:bookworm AS a\nRUN sudo -u www-data true\nFROM a\nRUN gosu www-data true\n",
    );
    expect(r.output.match(/adduser/g)).toHaveLength(1);
    expect(migrate("FROM debian:bookworm\nRUN sudo -u app-www-data true\n").output).not.toContain(
      "adduser",
    );
  });

  it.each([
    `RUN sudo -u "www-data" id`,
    "RUN sudo -u 'www-data' id",
    `RUN sudo --user="www-data" id`,
    `RUN su -s /bin/sh "www-data" -c 'id -u'`,
    `RUN gosu "www-data" id`,
    `CMD gosu 'www-data' id`,
  ])("reads the quoted name as the shell does: %s", (line) => {
    const r = migrate(`FROM debian:bookworm\n${line}\n`);
    expect(r.output).toBe(`FROM alpine:3.23\n${ADD}\n${line}\n`);
  });

  it("takes a quoted name the file creates as made", () => {
    const r = migrate(`FROM debian:bookworm\nRUN useradd -r "www-data"\nRUN sudo -u www-data id\n`);
    expect(r.output).not.toContain("-u 82");
  });
});
