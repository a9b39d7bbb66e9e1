import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const PPA = (pkgs: string, then: string) =>
  [
    "FROM ubuntu:24.04",
    `RUN apt-get update && apt-get install -y ${pkgs} \\`,
    `    && ${then}`,
    "",
  ].join("\n");

describe("a PHP that is not the release's default", () => {
  it("links php to phpNN when the stage runs php (composer's installer)", () => {
    const r = migrate(
      PPA("php8.3-cli php8.3-mbstring", "curl -sS https://getcomposer.org/installer | php"),
      { release: "3.24" },
    );
    expect(r.output).toMatch(
      // Between them: the extensions Debian's php8.3-cli brings (package-map's php parts).
      /apk add --no-cache php83-cli (?:php83-[a-z]+ )*php83-phar (?:php83-[a-z]+ )*php83-mbstring && ln -sf \/usr\/bin\/php83 \/usr\/bin\/php \\/,
    );
    expect(
      r.warnings.some((w) => /php83 is not Alpine 3\.24's default PHP \(8\.5\)/.test(w.message)),
    ).toBe(true);
  });

  it("links phpize and php-config with the -dev package when they are called", () => {
    const r = migrate(PPA("php8.3-cli php8.3-dev", "phpize && php-config --version"), {
      release: "3.24",
    });
    expect(r.output).toMatch(
      /ln -sf \/usr\/bin\/phpize83 \/usr\/bin\/phpize && ln -sf \/usr\/bin\/php-config83 \/usr\/bin\/php-config/,
    );
    expect(r.output).not.toMatch(/\/usr\/bin\/php83 \/usr\/bin\/php /);
  });

  it("links php for a CMD that starts it", () => {
    const text = [
      "FROM debian:bookworm",
      "RUN apt-get update && apt-get install -y php8.3-cli",
      'CMD ["php", "-S", "0.0.0.0:8080"]',
      "",
    ].join("\n");
    expect(migrate(text, { release: "3.24" }).output).toMatch(
      /ln -sf \/usr\/bin\/php83 \/usr\/bin\/php\n/,
    );
  });

  it("changes nothing for the default PHP, or when nothing runs php", () => {
    const dflt = migrate(PPA("php8.5-cli", "php -v"), { release: "3.24" });
    expect(dflt.output).not.toMatch(/ln -sf/);
    const unused = migrate(PPA("php8.3-fpm", "true"), { release: "3.24" });
    expect(unused.output).not.toMatch(/ln -sf/);
  });

  it("names the phpNN configuration directory where the stage installs no PHP", () => {
    const text = [
      "FROM ubuntu:24.04",
      "RUN sed -i 's/;clear_env = no/clear_env = no/' /etc/php/8.3/fpm/pool.d/www.conf",
      "RUN sed -i 's/x/y/' /etc/php/8.1/fpm/php.ini",
      "",
    ].join("\n");
    const notes = migrate(text, { release: "3.24" })
      .warnings.filter((w) => /PHP layout/.test(w.message))
      .map((w) => w.message);
    expect(notes[0]).toMatch(/\/etc\/php83 for php83 on Alpine 3\.24/);
    // 8.1 is not packaged in 3.24: its packages map to the default PHP, 8.5.
    expect(notes[1]).toMatch(/\/etc\/php85 for php85 on Alpine 3\.24/);
  });

  it("rewrites the paths to the phpNN the stage installs", () => {
    const text = [
      "FROM ubuntu:24.04",
      "RUN apt-get update && apt-get install -y php8.3-fpm",
      "RUN sed -i 's/;clear_env = no/clear_env = no/' /etc/php/8.3/fpm/pool.d/www.conf",
      "RUN sed -i 's/x/y/' /etc/php/8.1/fpm/php.ini",
      "",
    ].join("\n");
    const out = migrate(text, { release: "3.24" }).output;
    expect(out).toContain("/etc/php83/php-fpm.d/www.conf\n");
    expect(out).toContain("/etc/php83/php.ini\n");
  });
});

describe("unversioned php-* names next to versioned ones", () => {
  const text = [
    "FROM debian:bookworm",
    "RUN apt-get update && apt-get install -y php-cli php8.2-mysql php-xml libapache2-mod-php",
    "RUN php -v",
    "",
  ].join("\n");

  it("install the versioned names' PHP, not a second one (3.21)", () => {
    const r = migrate(text, { release: "3.21" });
    const apk = /apk add --no-cache ([^&\n]*)/.exec(r.output)?.[1] ?? "";
    expect(apk).toMatch(/^php82-cli /);
    expect(apk).toMatch(/ php82-apache2 /);
    expect(apk).toMatch(/ php82-xml /);
    expect(apk.split(" ").filter((n) => /^php(?!82)\d\d/.test(n))).toEqual([]);
    // The link for the plain php a RUN calls stays: php82 is not 3.21's default.
    expect(r.output).toMatch(/&& ln -sf \/usr\/bin\/php82 \/usr\/bin\/php\n/);
    expect(r.packages.find((p) => p.debian === "php-cli")?.reason).toMatch(
      /pin to 8\.2: php82's packages/,
    );
  });

  it("change nothing where the release has one PHP for both (3.24)", () => {
    const apk = migrate(text, { release: "3.24" }).output;
    expect(apk).toMatch(/apk add --no-cache php85-cli /);
    expect(apk).not.toMatch(/php8[2-4]/);
    expect(apk).not.toMatch(/ln -sf/);
  });

  it("keep the map's answer when the stage names two Debian PHP versions", () => {
    const two = text.replace("php8.2-mysql", "php8.2-mysql php8.3-gd");
    expect(migrate(two, { release: "3.21" }).output).toMatch(/apk add --no-cache php83-cli /);
  });
});
