import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("pecl install on the php:*-alpine images", () => {
  it("adds $PHPIZE_DEPS, which the Debian php images keep installed", () => {
    const r = migrate(
      "FROM php:8.3-fpm-bookworm\nRUN pecl install redis && docker-php-ext-enable redis\n",
    );
    expect(r.output).toBe(
      "FROM php:8.3-fpm-alpine\nRUN apk add --no-cache $PHPIZE_DEPS\nRUN pecl install redis && docker-php-ext-enable redis\n",
    );
    expect(r.warnings[0]).toMatchObject({ rule: "from", line: 2 });
    // Not a Debian package the Dockerfile installed, nor an exact match: what the image had.
    expect(r.packages).toEqual([
      {
        debian: "$PHPIZE_DEPS",
        alpine: ["$PHPIZE_DEPS"],
        written: ["$PHPIZE_DEPS"],
        kind: "image-provided",
        layer: "migrate-rule",
        reason: expect.stringMatching(
          /^the Debian php images keep the packages \$PHPIZE_DEPS lists/,
        ),
        line: 2,
        tool: "apt",
      },
    ]);
  });

  it("puts it into the build-deps of the RUN that compiles, before the call", () => {
    const r = migrate(
      [
        "FROM php:8.4-cli AS base",
        "FROM base",
        "RUN set -eux; \\",
        '\tsavedAptMark="$(apt-mark showmanual)"; \\',
        "\tapt-get update; apt-get install -y --no-install-recommends libmagickwand-dev; \\",
        "\tpecl install imagick; \\",
        "\tapt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; \\",
        "\tapt-get purge -y --auto-remove",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "apk add --no-cache --virtual .build-deps imagemagick-dev $PHPIZE_DEPS;",
    );
  });

  it("leaves RUNs that install $PHPIZE_DEPS themselves, and other images, alone", () => {
    const own = migrate(
      "FROM php:8.3-cli\nRUN apt-get update && apt-get install -y $PHPIZE_DEPS && pecl install xdebug\n",
    );
    expect(own.output.match(/PHPIZE_DEPS/g)).toHaveLength(1);
    expect(migrate("FROM debian:12\nRUN pecl install redis\n").output).not.toContain("PHPIZE");
  });

  it("serves a later pecl install when the earlier $PHPIZE_DEPS went with a build-deps package", () => {
    const r = migrate(
      "FROM php:8.3-cli\nRUN apt-get update && apt-get install -y libyaml-dev && pecl install yaml && apt-get purge -y libyaml-dev\nRUN pecl install apcu\n",
    );
    // The first RUN's build-deps go again, so the later pecl needs $PHPIZE_DEPS for good.
    expect(r.output).toContain(
      "RUN apk add --no-cache --virtual .build-deps yaml-dev $PHPIZE_DEPS",
    );
    expect(r.output).toMatch(/^RUN apk add --no-cache \$PHPIZE_DEPS$/m);
    expect(r.warnings.filter((w) => /pecl install compiles/.test(w.message))).toHaveLength(2);
  });
});
