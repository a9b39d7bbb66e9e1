import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const SED = "sed -i 's/^user = nobody/user = www-data/; s/^group = nobody/group = www-data/'";

/** The pool file of the phpNN-fpm the map chose (the default PHP moves between releases). */
const poolOf = (output: string): string =>
  `/etc/php${/\bphp(\d+)-fpm\b/.exec(output)?.[1]}/php-fpm.d/www.conf`;

describe("php-fpm pool user: nobody on Alpine, www-data on Debian", () => {
  it("sets the pool's user and group after the install when the stage gives files to www-data", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y php-fpm\nCOPY --chown=www-data:www-data . /var/www\n",
    );
    const lines = r.output.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      "FROM alpine:3.23",
      "RUN adduser -u 82 -D -S -H -G www-data www-data",
    ]);
    expect(lines[2]).toMatch(/^RUN apk add --no-cache php\d+-fpm /);
    expect(lines.slice(3)).toEqual([
      `RUN ${SED} ${poolOf(r.output)}`,
      "COPY --chown=www-data:www-data . /var/www",
      "",
    ]);
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /php\d+-fpm runs its pool's workers as nobody.*Debian's php-fpm runs them as www-data/,
      ),
    );
  });

  it("sets only the group when only www-data's group gets files", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get install -y php8.2-fpm && chown -R root:www-data /var/www\n",
    );
    expect(r.output).toContain(
      `RUN sed -i 's/^group = nobody/group = www-data/' ${poolOf(r.output)}`,
    );
    expect(r.output).not.toContain("adduser");
  });

  it("sets it once per chain: in the child stage that gives the files, after FROM, as root", () => {
    const r = migrate(
      "FROM debian:bookworm AS base\nRUN apt-get install -y php-fpm\nFROM base AS app\nUSER www-data\nFROM app\nRUN sudo -u www-data true\n",
    );
    expect(r.output.match(/sed -i/g)).toHaveLength(1);
    expect(r.output).toContain(
      `FROM base AS app\nRUN adduser -u 82 -D -S -H -G www-data www-data\nRUN ${SED} ${poolOf(r.output)}\nUSER www-data\n`,
    );
  });

  it("leaves stages that give www-data nothing, php images, and stages on Alpine already", () => {
    expect(migrate("FROM debian:bookworm\nRUN apt-get install -y php-fpm\n").output).not.toContain(
      "sed",
    );
    expect(
      migrate("FROM php:8.3-fpm\nRUN apt-get install -y php-fpm\nUSER www-data\n").output,
    ).not.toContain("www.conf");
    expect(
      migrate("FROM alpine:3.23\nRUN apk add --no-cache php83-fpm\nUSER www-data\n").output,
    ).not.toContain("www.conf");
  });
});
