import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => [...l, ""].join("\n");

describe("Debian's PHP paths and programs become Alpine's phpNN ones", () => {
  it("rewrites the pool directory and the FPM program of the tester's example", () => {
    const r = migrate(
      lines(
        "FROM ubuntu:22.04",
        "RUN apt-get update && apt-get install -y php-fpm",
        "RUN sed -i 's/^listen = .*/listen = 9000/' /etc/php/8.1/fpm/pool.d/www.conf",
        'CMD ["php-fpm8.1","-F"]',
      ),
      { release: "3.22" },
    );
    expect(r.output).toContain("/etc/php84/php-fpm.d/www.conf");
    expect(r.output).toContain('CMD ["php-fpm84","-F"]');
    const messages = r.warnings.map((w) => w.message);
    expect(messages).toContainEqual(
      expect.stringMatching(/^\/etc\/php\/8\.1\/fpm\/pool\.d → \/etc\/php84\/php-fpm\.d: /),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^php-fpm8\.1 → php-fpm84: .*8\.4, not 8\.1$/),
    );
    // The notes that only said what to do are gone with what they named.
    expect(messages.filter((m) => /PHP layout|is Debian's name/.test(m))).toEqual([]);
  });

  it("rewrites php.ini, conf.d and php-fpm.conf in COPY, ENV, RUN and a sh -c CMD", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y php8.2-fpm php8.2-mysql nginx",
        "COPY --from=base /etc/php/8.2/cli/php.ini /etc/php/8.2/fpm/php.ini",
        "COPY fpm.conf /etc/php/8.2/fpm/php-fpm.conf",
        "ENV PHP_INI_SCAN_DIR=/etc/php/8.2/apache2/conf.d PHP_BIN=/usr/bin/php8.2",
        "RUN echo x=1 > /etc/php/8.2/cli/conf.d/99.ini && php8.2 -v && exec /usr/sbin/php-fpm8.2 -t",
        `CMD sh -c "php-fpm8.2 -D && nginx -g 'daemon off;'"`,
      ),
      { release: "3.21" },
    );
    expect(r.output).toContain(
      lines(
        // The source of a COPY --from is the other stage's file: left as written.
        "COPY --from=base /etc/php/8.2/cli/php.ini /etc/php82/php.ini",
        "COPY fpm.conf /etc/php82/php-fpm.conf",
        "ENV PHP_INI_SCAN_DIR=/etc/php82/conf.d PHP_BIN=/usr/bin/php82",
        "RUN echo x=1 > /etc/php82/conf.d/99.ini && php82 -v && exec /usr/sbin/php-fpm82 -t",
        `CMD sh -c "php-fpm82 -D && nginx -g 'daemon off;'"`,
      ),
    );
  });

  it("flags mods-available, which Alpine has no counterpart of", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y php8.2-cli",
        "COPY x.ini /etc/php/8.2/mods-available/x.ini",
      ),
      { release: "3.22" },
    );
    expect(r.output).toContain("COPY x.ini /etc/php/8.2/mods-available/x.ini");
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^\/etc\/php\/8\.2\/mods-available is Debian's .*\/etc\/php82\/conf\.d/,
      ),
    );
  });

  it("leaves the paths and their notes where the stage installs no Debian PHP", () => {
    const text = lines("FROM debian:bookworm", 'CMD ["php-fpm8.2", "-F"]');
    const r = migrate(text, { release: "3.22" });
    expect(r.output).toContain('CMD ["php-fpm8.2", "-F"]');
    expect(r.warnings.some((w) => /php-fpm8\.2 is Debian's name/.test(w.message))).toBe(true);
  });

  it("follows the PHP into a stage built FROM the one that installs it", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm AS php",
        "RUN apt-get update && apt-get install -y php8.2-fpm",
        "FROM php",
        'ENTRYPOINT ["/usr/sbin/php-fpm8.2", "-F"]',
      ),
      { release: "3.22" },
    );
    expect(r.output).toContain('ENTRYPOINT ["/usr/sbin/php-fpm82", "-F"]');
  });
});
