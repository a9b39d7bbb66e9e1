import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const phpBuild = (configure: string) =>
  [
    "FROM debian:bookworm-slim",
    "RUN set -eux; \\",
    '\tsavedAptMark="$(apt-mark showmanual)"; \\',
    "\tapt-get update; \\",
    "\tapt-get install -y --no-install-recommends libxml2-dev libssl-dev; \\",
    "\tdocker-php-source extract; \\",
    "\tcd /usr/src/php; \\",
    `\t./configure ${configure}; \\`,
    '\tmake -j "$(nproc)"; \\',
    "\tapt-mark auto '.*' > /dev/null; \\",
    '\t[ -z "$savedAptMark" ] || apt-mark manual $savedAptMark; \\',
    "\tapt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false",
    "",
  ].join("\n");

describe("rule musl: PHP built --with-iconv gets GNU libiconv", () => {
  it("adds gnu-libiconv-dev to the build dependencies of the RUN that configures PHP", () => {
    const r = migrate(
      phpBuild("--with-config-file-path=/usr/local/etc/php --with-iconv --with-openssl"),
    );
    expect(r.output).toMatch(
      /apk add --no-cache --virtual \.build-deps libxml2-dev openssl-dev gnu-libiconv-dev;/,
    );
    const w = r.warnings.filter((x) => x.rule === "musl");
    expect(w).toHaveLength(1);
    expect(w[0]?.line).toBe(8);
    expect(w[0]?.message).toMatch(/added gnu-libiconv-dev; removed musl's .*; --with-iconv=\/usr/);
    expect(r.output).toContain(
      "\trm -f /usr/include/iconv.h && ./configure --with-config-file-path=/usr/local/etc/php --with-iconv=/usr --with-openssl; \\",
    );
    const d = r.packages.find((p) => p.alpine.includes("gnu-libiconv-dev"));
    expect(d).toMatchObject({ debian: "libc6-dev", layer: "migrate-rule", line: 8 });
  });

  it("takes docker-php-source as the sign of a PHP build too, and --with-iconv=DIR", () => {
    const r = migrate(phpBuild("--with-iconv=/opt/iconv"));
    expect(r.output).toContain("gnu-libiconv-dev");
    expect(r.output).toContain(
      "rm -f /usr/include/iconv.h && ./configure --with-iconv=/opt/iconv;",
    );
    expect(r.warnings.find((x) => x.rule === "musl")?.message).toMatch(
      /check that --with-iconv=\/opt\/iconv finds GNU libiconv/,
    );
  });

  it("leaves other configure scripts with --with-iconv alone", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get update && apt-get install -y gcc make && ./configure --with-iconv && make\n",
    );
    expect(r.output).not.toContain("gnu-libiconv");
    expect(r.warnings.filter((x) => x.rule === "musl")).toEqual([]);
  });

  it("leaves a PHP build without iconv alone, and does not add the package twice", () => {
    expect(migrate(phpBuild("--with-openssl")).output).not.toContain("gnu-libiconv");
    const twice = migrate(
      phpBuild("--with-iconv").replace("libssl-dev;", "libssl-dev gnu-libiconv-dev;"),
    );
    expect(twice.output.match(/gnu-libiconv-dev/g)).toHaveLength(1);
  });
});
