import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const confNotes = (text: string) =>
  migrate(text)
    .warnings.filter((w) => /\/etc\/nginx\/http\.d/.test(w.message) && /conf\.d/.test(w.message))
    .map((w) => `${w.line}: ${w.message}`);

describe("apt: nginx from apt reads server configs from http.d on Alpine", () => {
  it("flags a COPY into /etc/nginx/conf.d, for every apt nginx flavour", () => {
    for (const pkg of ["nginx", "nginx-light", "nginx-full", "nginx-extras", "nginx-core"]) {
      const m = confNotes(
        lines(
          "FROM debian:12",
          `RUN apt-get update && apt-get install -y --no-install-recommends ${pkg}`,
          "COPY app.conf /etc/nginx/conf.d/app.conf",
          'CMD ["nginx", "-g", "daemon off;"]',
        ),
      );
      expect(m).toEqual([
        expect.stringMatching(
          /^3: .*\/etc\/nginx\/conf\.d.*outside http \{\}.*copy it into \/etc\/nginx\/http\.d\/ instead/,
        ),
      ]);
    }
  });

  it("flags a RUN that writes there, and a stage built FROM the one that installs nginx", () => {
    const m = confNotes(
      lines(
        "FROM ubuntu:24.04 AS web",
        "RUN apt-get install -y nginx",
        "FROM web",
        "RUN printf 'server { listen 8080; }\\n' > /etc/nginx/conf.d/default.conf",
        'COPY ["site.conf", "/etc/nginx/conf.d/"]',
      ),
    );
    expect(m.map((l) => l.slice(0, 2))).toEqual(["4:", "5:"]);
  });

  it("leaves the nginx image, a removal, a stage without nginx and its own nginx.conf alone", () => {
    const cases = [
      lines("FROM nginx:1.27", "COPY app.conf /etc/nginx/conf.d/app.conf"),
      lines(
        "FROM nginx:1.27-bookworm",
        "RUN apt-get install -y curl",
        "COPY a.conf /etc/nginx/conf.d/",
      ),
      lines("FROM debian:12", "RUN apt-get install -y nginx && rm -f /etc/nginx/conf.d/*.conf"),
      lines("FROM debian:12", "RUN apt-get install -y curl", "COPY app.conf /etc/nginx/conf.d/"),
      lines(
        "FROM debian:12",
        "RUN apt-get install -y nginx",
        "COPY nginx.conf /etc/nginx/nginx.conf",
        "COPY app.conf /etc/nginx/conf.d/",
      ),
    ];
    for (const text of cases) expect(confNotes(text)).toEqual([]);
  });

  it("flags a config rendered into conf.d by a CMD/ENTRYPOINT shell, an exec-form RUN and a nested sh -c", () => {
    const install = "RUN apt-get update && apt-get install -y nginx gettext-base";
    const cases: [string, string][] = [
      [
        "shell-form CMD",
        "CMD envsubst < /t > /etc/nginx/conf.d/default.conf && exec nginx -g 'daemon off;'",
      ],
      [
        "exec-form sh -c CMD",
        'CMD ["/bin/sh","-c","envsubst < /t > /etc/nginx/conf.d/default.conf && exec nginx -g \'daemon off;\'"]',
      ],
      [
        "ENTRYPOINT behind tini",
        'ENTRYPOINT ["tini","--","sh","-ec","cp /t /etc/nginx/conf.d/a.conf; exec nginx"]',
      ],
      ["exec-form RUN", 'RUN ["sh","-c","envsubst < /t | tee /etc/nginx/conf.d/default.conf"]'],
      ["nested sh -c in a RUN", "RUN sh -c 'ln -s /t /etc/nginx/conf.d/$SITE.conf'"],
      [
        "mv in a shell-form ENTRYPOINT",
        "ENTRYPOINT mv /t /etc/nginx/conf.d/default.conf && exec nginx",
      ],
    ];
    for (const [what, line] of cases) {
      expect(confNotes(lines("FROM debian:12", install, line)), what).toEqual([
        expect.stringMatching(/^3: .*outside http \{\}/),
      ]);
    }
  });

  it("leaves a CMD that only reads conf.d, or runs nginx with no shell", () => {
    const install = "RUN apt-get update && apt-get install -y nginx";
    for (const line of [
      'CMD ["nginx","-g","daemon off;"]',
      'CMD ["sh","-c","cat /etc/nginx/conf.d/default.conf && exec nginx"]',
      "CMD nginx -t -c /etc/nginx/conf.d/x && exec nginx",
    ]) {
      expect(confNotes(lines("FROM debian:12", install, line)), line).toEqual([]);
    }
  });
});
