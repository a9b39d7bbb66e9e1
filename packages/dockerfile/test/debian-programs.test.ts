import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const messages = (text: string) => migrate(text).warnings.map((w) => `${w.line}: ${w.message}`);

describe("Debian-only programs and layout are flagged, never silently kept", () => {
  it("flags programs a RUN calls that Alpine lacks or names otherwise", () => {
    const m = messages(
      [
        "FROM debian:12",
        "RUN update-alternatives --install /usr/bin/python python /usr/bin/python3 1",
        "RUN groupmod -g 1001 node",
        "RUN a2enmod rewrite && a2dissite 000-default",
        "RUN service nginx start",
        "RUN php-fpm8.2 -t",
        "RUN su postgres -c 'pg_ctlcluster 15 main start'",
        "",
      ].join("\n"),
    );
    expect(m).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2: update-alternatives is Debian's alternatives system/),
        expect.stringMatching(/^3: groupmod is shadow's tool/),
        expect.stringMatching(/^4: a2enmod is Debian's apache2 helper/),
        expect.stringMatching(/^4: a2dissite is Debian's apache2 helper/),
        expect.stringMatching(/^5: service is Debian's SysV init wrapper/),
        expect.stringMatching(
          /^6: php-fpm8\.2 is Debian's name; Alpine 3\.23 has no PHP 8\.2: .* 8\.4, whose FPM is php-fpm84/,
        ),
        expect.stringMatching(
          /^7: pg_ctlcluster is a postgresql-common \(Debian\) cluster wrapper/,
        ),
      ]),
    );
  });

  it("adds shadow for chsh; userdel and groupdel become busybox deluser and delgroup", () => {
    const m = messages(
      [
        "FROM debian:12",
        "RUN useradd -m deploy && chsh -s /bin/bash deploy",
        "RUN userdel -r ubuntu && groupdel ubuntu",
        "",
      ].join("\n"),
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^2: chsh is shadow's tool \(or give the shell when the user is made \(adduser -s SHELL\) and drop the call\), .*: added shadow$/,
      ),
    ]);
  });

  it("flags what ENTRYPOINT and CMD start", () => {
    const m = messages(
      'FROM debian:12\nCMD ["apache2ctl","-D","FOREGROUND"]\nENTRYPOINT ["/usr/bin/tini","--","cron","-f","-L","15"]\n',
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^2: CMD starts apache2ctl: apache2ctl is Debian's name for this program; on Alpine call httpd/,
      ),
      expect.stringMatching(
        /^3: ENTRYPOINT starts cron, Debian's name for the cron daemon; Alpine's is crond .*: not rewritten, since its options -L 15 mean other things/,
      ),
    ]);
  });

  it("flags apachectl, which Alpine's apache2 leaves to its apache2-ctl subpackage", () => {
    const m = messages(
      [
        "FROM debian:12",
        "RUN apt-get update && apt-get install -y apache2",
        'CMD ["apachectl","-D","FOREGROUND"]',
        "",
      ].join("\n"),
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^3: CMD starts apachectl: apachectl is not in Alpine's apache2 package but in its apache2-ctl subpackage: start httpd directly \(httpd -D FOREGROUND\), or apk add apache2-ctl$/,
      ),
    ]);
  });

  it("flags Debian paths in COPY, ENV and RUN, /etc/debian_version tests included", () => {
    const m = messages(
      [
        "FROM debian:12",
        "COPY --from=build /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/",
        "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64",
        "COPY site.conf /etc/nginx/sites-available/default",
        "RUN if [ -f /etc/debian_version ]; then echo debian; fi",
        "",
      ].join("\n"),
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^2: \/usr\/lib\/x86_64-linux-gnu is Debian's multiarch library directory/,
      ),
      expect.stringMatching(/^3: \/usr\/lib\/jvm\/java-17-openjdk-amd64 is Debian's JDK directory/),
      expect.stringMatching(
        /^4: \/etc\/nginx\/sites-available and sites-enabled are Debian's nginx layout/,
      ),
      expect.stringMatching(/^5: \/etc\/debian_version is a file only Debian has/),
    ]);
  });

  it("says nothing about ordinary programs and paths", () => {
    expect(
      messages('FROM debian:12\nCOPY app /usr/local/bin/\nCMD ["nginx","-g","daemon off;"]\n'),
    ).toEqual([]);
  });

  it("says nothing about a program whose step is removed with the apt work it ran", () => {
    const m = messages(
      'FROM debian:12\nRUN runuser -u root -c "apt-get update"\nRUN apt-get update && runuser -u app -- true\n',
    );
    expect(m).toEqual([expect.stringMatching(/^3: runuser is util-linux's tool/)]);
  });
});

describe("Debian's php8.2 program names: Alpine's name for the PHP the release has", () => {
  // No PHP installed by the stage (a stage that installs one gets the name rewritten: php-paths).
  const started = (program: string, release: string) =>
    migrate(`FROM debian:12\nCMD ["${program}", "-v"]\n`, { release }).warnings.find((w) =>
      w.message.startsWith(`CMD starts ${program}`),
    )?.message;

  it("names php-fpm82 and php82 where the release packages PHP 8.2", () => {
    expect(started("php-fpm8.2", "3.22")).toBe(
      "CMD starts php-fpm8.2: php-fpm8.2 is Debian's name; Alpine 3.22's PHP 8.2 FPM is php-fpm82 (config under /etc/php82)",
    );
    expect(started("php8.2", "3.22")).toMatch(/Alpine 3\.22's PHP 8\.2 CLI is php82$/);
  });

  it("names the FPM and CLI of the PHP installed instead where it does not", () => {
    const apk = migrate("FROM debian:12\nRUN apt-get update && apt-get install -y php8.2-fpm\n", {
      release: "3.24",
    }).output;
    expect(apk).toMatch(/apk add --no-cache php85-fpm/);
    expect(started("php-fpm8.2", "3.24")).toBe(
      "CMD starts php-fpm8.2: php-fpm8.2 is Debian's name; Alpine 3.24 has no PHP 8.2: the PHP installed instead is 8.5, whose FPM is php-fpm85 (config under /etc/php85); check the application runs on PHP 8.5",
    );
    expect(started("php8.2", "3.24")).toMatch(
      /Alpine 3\.24 has no PHP 8\.2: .*whose CLI is php85;/,
    );
    expect(started("php-fpm7.4", "3.23")).toMatch(/Alpine 3\.23 has no PHP 7\.4: .*php-fpm84 /);
  });
});
