import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

// Debian's libicu-dev depends on libicuNN, which carries every locale; Alpine's icu-dev pulls in
// icu-libs with icu-data-en only. Where the image keeps ICU, icu-data-full keeps the locales.

const record = (r: ReturnType<typeof migrate>) =>
  r.packages.filter((p) => p.alpine.includes("icu-data-full"));

describe("icu-data-full for libicu-dev", () => {
  it("goes next to an icu-dev the image keeps (php intl)", () => {
    const r = migrate(
      "FROM php:8.3-fpm\nRUN apt-get update && apt-get install -y libicu-dev && docker-php-ext-install intl\n",
    );
    expect(r.output).toBe(
      "FROM php:8.3-fpm-alpine\nRUN apk add --no-cache icu-dev icu-data-full && docker-php-ext-install intl\n",
    );
    expect(record(r)).toEqual([
      expect.objectContaining({
        debian: "libicu-dev",
        written: ["icu-data-full"],
        kind: "split",
        layer: "migrate-rule",
        line: 2,
        reason: expect.stringMatching(/libicuNN.*icu-data-en only.*fall back to English/),
      }),
    ]);
  });

  it("goes with the runtime packages, not the build-deps, in the docker-library pattern", () => {
    const r = migrate(
      [
        "FROM php:8.3-fpm",
        "RUN set -eux; \\",
        '\tsavedAptMark="$(apt-mark showmanual)"; \\',
        "\tapt-get update; apt-get install -y --no-install-recommends libicu-dev; \\",
        "\tdocker-php-ext-install intl; \\",
        "\tapt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; \\",
        '\tldd "$(php -r \'echo ini_get("extension_dir");\')"/*.so \\',
        '\t\t| awk \'/=>/ { so = $(NF-1); if (index(so, "/usr/local/") == 1) { next }; gsub("^/(usr/)?", "", so); printf "*%s\\n", so }\' \\',
        "\t\t| sort -u | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -rt apt-mark manual; \\",
        "\tapt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("apk add --no-cache --virtual .build-deps icu-dev;");
    expect(r.output).not.toMatch(/\.build-deps[^;]*icu-data-full/);
    expect(r.output).toMatch(/RUN apk add --no-cache icu-data-full\n/);
    expect(record(r)).toEqual([expect.objectContaining({ debian: "libicuNN", kind: "split" })]);
  });

  it("leaves with icu-dev when a later purge names libicu-dev", () => {
    const r = migrate(
      "FROM php:8.3-cli\nRUN apt-get install -y libicu-dev git && docker-php-ext-install intl && apt-get purge -y libicu-dev\n",
    );
    expect(r.output).toContain(
      "RUN apk add --no-cache icu-dev icu-data-full git && docker-php-ext-install intl && apk del icu-dev icu-data-full\n",
    );
  });

  it("is not added where the image does not keep ICU", () => {
    // Purged again in the same RUN, with no scan keeping the libraries: ICU leaves with it.
    const purged = migrate(
      "FROM php:8.3-cli\nRUN apt-get install -y libicu-dev && docker-php-ext-install intl && apt-get purge -y libicu-dev\n",
    );
    expect(purged.output).toContain("apk add --no-cache --virtual .build-deps icu-dev &&");
    expect(purged.output).not.toContain("icu-data-full");
    // A build stage the final image is not built FROM: its ICU does not ship.
    const build = migrate(
      "FROM node:22-bookworm AS build\nRUN apt-get install -y libicu-dev && npm ci\nFROM node:22-bookworm-slim\nCOPY --from=build /app /app\n",
    );
    expect(build.output).toContain("apk add --no-cache icu-dev && npm ci");
    expect(build.output).not.toContain("icu-data-full");
  });

  it("leaves the install alone when the stage has icu-data-full already", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get install -y libicu72 && apt-get install -y libicu-dev\n",
    );
    expect(r.output.match(/icu-data-full/g)).toHaveLength(1);
  });
});
