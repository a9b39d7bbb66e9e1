import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

/** The findings of the rules this file is about, as line:rule:severity. */
function found(text: string, rule = "apt-in-alpine") {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
    (f) => f.rule === rule,
  );
}
const short = (text: string, rule?: string) =>
  found(text, rule).map((f) => `${f.line}:${f.severity}`);

const base = `FROM alpine:3.24@${DIGEST}\nRUN apk add --no-cache nginx php85-fpm\n`;
/** Without Alpine's nginx, whose never-read folders unread-config.test.ts is about. */
const noNginx = `FROM alpine:3.24@${DIGEST}\nRUN apk add --no-cache php85-fpm\n`;

describe("apt-in-alpine: Debian-only paths in an Alpine stage", () => {
  it("fails the tester's migrated file: rm, sed -i and the php-fpm8.2 it starts", () => {
    const text = `FROM alpine:3.24
RUN apk add --no-cache nginx php85-fpm php85-pgsql \\
    && rm /etc/nginx/sites-enabled/default \\
    && sed -i 's/^listen = .*/listen = 9000/' /etc/php/8.2/fpm/pool.d/www.conf
CMD ["sh", "-c", "php-fpm8.2 -D && nginx -g 'daemon off;'"]
`;
    const paths = found(text);
    expect(paths.map((f) => `${f.line}:${f.severity}`)).toEqual(["3:error", "4:error"]);
    expect(paths[0]!.message).toMatch(
      /^rm on \/etc\/nginx\/sites-enabled\/default in Alpine stage 0: Alpine has no \/etc\/nginx\/sites-enabled, so the build fails here; .*Alpine's nginx includes \/etc\/nginx\/http\.d\/\*\.conf/,
    );
    expect(paths[1]!.message).toMatch(/sed on \/etc\/php\/8\.2\/fpm.*\/etc\/php85 for php85/);
    expect(found(text, "debian-program")).toMatchObject([
      {
        line: 5,
        severity: "error",
        message: expect.stringMatching(
          /CMD starts php-fpm8\.2 in Alpine stage 0: .*Alpine 3\.24 has no PHP 8\.2: .*php-fpm85 \(config under \/etc\/php85\)/,
        ),
      },
    ]);
  });

  it("reports writes into a Debian-only folder nothing made, and cp/mv out of one", () => {
    expect(short(`${base}RUN cp site.conf /etc/nginx/sites-available/app\n`)).toEqual(["3:error"]);
    expect(short(`${base}RUN echo x > /etc/php/8.2/fpm/conf.d/99.ini\n`)).toEqual(["3:error"]);
    expect(short(`${base}RUN mv /etc/apache2/sites-available/000-default.conf /tmp/\n`)).toEqual([
      "3:error",
    ]);
    expect(short(`${base}RUN cd /etc/php/8.2/fpm && ls\n`)).toEqual(["3:error"]);
  });

  it("warns where the step does not fail: rm -f, a reading tool, a guarded call", () => {
    expect(short(`${base}RUN rm -f /etc/nginx/sites-enabled/default\n`)).toEqual(["3:warning"]);
    expect(short(`${base}RUN ls /usr/lib/x86_64-linux-gnu\n`)).toEqual(["3:warning"]);
    expect(short(`${base}RUN rm /etc/nginx/sites-enabled/default || true\n`)).toEqual([
      "3:warning",
    ]);
  });

  it("leaves paths the stage makes itself alone", () => {
    expect(
      short(
        `${base}RUN mkdir -p /etc/php/8.2/fpm/pool.d && echo '[www]' > /etc/php/8.2/fpm/pool.d/www.conf && sed -i 's/a/b/' /etc/php/8.2/fpm/pool.d/www.conf\n`,
      ),
    ).toEqual([]);
    expect(
      short(
        `${noNginx}COPY sites/ /etc/nginx/sites-available/\nRUN ln -s /etc/nginx/sites-available/app /etc/nginx/sites-enabled/app || true\nRUN sed -i s/a/b/ /etc/nginx/sites-available/app\n`,
      ),
    ).toEqual(["4:warning"]);
    expect(
      short(
        `${base}RUN ln -s /usr/lib /usr/lib/x86_64-linux-gnu && ls /usr/lib/x86_64-linux-gnu\n`,
      ),
    ).toEqual([]);
    // Made in the stage this one builds on.
    expect(
      short(
        `${noNginx}RUN mkdir -p /etc/nginx/sites-enabled\nFROM 0 AS app\nRUN touch /etc/nginx/sites-enabled/app\n`,
      ),
    ).toEqual([]);
  });

  it("warns when the stage made the folder but the file's origin is not followed", () => {
    expect(
      short(`${base}RUN mkdir -p /etc/php/8.2/cli && sed -i s/a/b/ /etc/php/8.2/cli/php.ini\n`),
    ).toEqual(["3:warning"]);
  });

  it("is quiet for Alpine's own paths, an echoed path, a probe and Debian stages", () => {
    expect(short(`${base}RUN rm /etc/nginx/http.d/default.conf\n`)).toEqual([]);
    expect(short(`${base}RUN echo 'include /etc/nginx/sites-enabled/*;' > /tmp/x\n`)).toEqual([]);
    expect(short(`${base}RUN [ -f /etc/debian_version ] || echo alpine\n`)).toEqual([]);
    expect(short(`FROM debian:12@${DIGEST}\nRUN rm /etc/nginx/sites-enabled/default\n`)).toEqual(
      [],
    );
  });
});

describe("debian-program: programs migrate knows only Debian starts", () => {
  it.each([
    ['CMD ["apache2ctl", "-D", "FOREGROUND"]', /apache2ctl.*httpd/],
    ["CMD php-fpm8.2 -F", /php-fpm85/],
    ['CMD ["sh", "-euxc", "apache2ctl -D FOREGROUND"]', /apache2ctl.*httpd/],
    ['CMD ["sh", "-ec", "apache2ctl -D FOREGROUND"]', /apache2ctl.*httpd/],
    ['CMD ["/bin/bash", "-lc", "apache2ctl -D FOREGROUND"]', /apache2ctl.*httpd/],
    ['CMD ["bash", "-o", "pipefail", "-c", "apache2ctl -D FOREGROUND"]', /apache2ctl.*httpd/],
    ['ENTRYPOINT ["tini", "--", "zsh", "-e", "-c", "exec php-fpm8.2 -F"]', /php-fpm85/],
    ['ENTRYPOINT ["tini", "--", "service", "nginx", "start"]', /service.*OpenRC/],
    ['CMD ["python3.11", "app.py"]', /python3/],
  ])("flags %s as an error", (start, message) => {
    expect(found(`${base}${start}\n`, "debian-program")).toMatchObject([
      { line: 3, severity: "error", message: expect.stringMatching(message) },
    ]);
  });

  it("names the FPM of the PHP the stage's release has", () => {
    const fpm = (release: string) =>
      found(`FROM alpine:${release}@${DIGEST}\nCMD php-fpm8.2 -F\n`, "debian-program")[0]?.message;
    expect(fpm("3.22")).toMatch(
      /Alpine 3\.22's PHP 8\.2 FPM is php-fpm82 \(config under \/etc\/php82\)$/,
    );
    expect(fpm("3.24")).toMatch(/Alpine 3\.24 has no PHP 8\.2: .* 8\.5, whose FPM is php-fpm85 /);
  });

  it("flags update-alternatives in the script of a RUN's sh -ec", () => {
    expect(
      short(
        `${base}RUN sh -ec "update-alternatives --set java /usr/bin/java17"\n`,
        "debian-program",
      ),
    ).toEqual(["3:error"]);
  });

  it("is quiet for Alpine's names, the release's own python3.N and installed programs", () => {
    expect(short(`${base}CMD ["php-fpm85", "-F"]\n`, "debian-program")).toEqual([]);
    expect(
      short(`FROM alpine:3.23@${DIGEST}\nCMD ["python3.12", "app.py"]\n`, "debian-program"),
    ).toEqual([]);
    expect(
      short(
        `${base}RUN apk add --no-cache runuser\nCMD ["runuser", "-u", "app", "x"]\n`,
        "debian-program",
      ),
    ).toEqual([]);
  });

  it("follows what every stage down the FROM chain made, ONBUILD steps included", () => {
    const root = `FROM alpine:3.24@${DIGEST} AS root\nRUN apk add --no-cache nginx\n`;
    const made = `${root}RUN mkdir -p /etc/nginx/sites-enabled\nFROM root AS one\nFROM one\nRUN rm /etc/nginx/sites-enabled/default\n`;
    // It made the folder, not the file: a warning, not the error of a folder nothing made.
    expect(short(made)).toEqual(["6:warning"]);
    // A grandparent's ONBUILD runs when its child is built, so the grandchild has the folder too.
    const onbuild = `${root}ONBUILD RUN mkdir -p /etc/nginx/sites-enabled\nFROM root AS one\nFROM one\nRUN rm /etc/nginx/sites-enabled/default\n`;
    expect(short(onbuild)).toEqual(["6:warning"]);
    const none = `${root}FROM root AS one\nFROM one\nRUN rm /etc/nginx/sites-enabled/default\n`;
    expect(short(none)).toEqual(["5:error"]);
  });
});
