import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function found(text: string) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
    (f) => f.rule === "apt-in-alpine",
  );
}
const short = (text: string) =>
  found(text)
    .map((f) => `${f.line}:${f.severity}`)
    .sort();

const nginx = "FROM alpine:3.24\nRUN apk add --no-cache nginx\n";
const supervisor = "FROM alpine:3.24\nRUN apk add --no-cache supervisor\n";

describe("apt-in-alpine: config files put where Alpine's package never includes them", () => {
  it("warns about a COPY into nginx's sites-available with no ln after it", () => {
    const hits = found(`${nginx}COPY proxy.conf /etc/nginx/sites-available/proxy.conf\n`);
    expect(hits).toMatchObject([{ line: 3, severity: "warning" }]);
    expect(hits[0]!.message).toMatch(
      /^COPY into \/etc\/nginx\/sites-available\/proxy\.conf in Alpine stage 0, which installs Alpine's nginx: its configuration never includes \/etc\/nginx\/sites-available, so what lands there is not loaded .*Alpine's nginx includes \/etc\/nginx\/http\.d\/\*\.conf/,
    );
    expect(short(`${nginx}COPY site /etc/nginx/sites-enabled/default\n`)).toEqual(["3:warning"]);
    expect(short(`${nginx}COPY sites/ /etc/nginx/sites-enabled/\n`)).toEqual(["3:warning"]);
  });

  it("warns about the tester's supervisor COPY into conf.d", () => {
    const text = `${supervisor}COPY app.conf /etc/supervisor/conf.d/app.conf\nCMD ["supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"]\n`;
    expect(short(text)).toEqual(["3:warning", "4:error"]);
    expect(found(text).find((f) => f.line === 3)!.message).toMatch(
      /COPY into \/etc\/supervisor\/conf\.d\/app\.conf .*Alpine's supervisor: its configuration never includes \/etc\/supervisor\/conf\.d.*\/etc\/supervisor\.d\/\*\.ini/,
    );
    expect(
      short(`${supervisor}COPY app.conf /etc/supervisor/conf.d/\nCMD ["supervisord"]\n`),
    ).toEqual(["3:warning"]);
  });

  it("warns about a RUN write into a folder the stage made, once a line", () => {
    const text = `${nginx}COPY app.conf /srv/app.conf\nRUN mkdir -p /etc/nginx/sites-enabled && ln -s /srv/app.conf /etc/nginx/sites-enabled/ && cp /srv/app.conf /etc/nginx/sites-enabled/b\n`;
    expect(short(text)).toEqual(["4:warning"]);
    expect(found(text)[0]!.message).toMatch(/^ln on \/etc\/nginx\/sites-enabled\//);
    // The ln into a folder nothing made fails the build: that error alone.
    expect(
      short(
        `${nginx}COPY p.conf /etc/nginx/sites-available/p.conf\nRUN ln -s /etc/nginx/sites-available/p.conf /etc/nginx/sites-enabled/p.conf\n`,
      ),
    ).toEqual(["3:warning", "4:error"]);
  });

  it("warns about apache2's Debian folders with Alpine's apache2", () => {
    expect(
      short(
        "FROM alpine:3.24\nRUN apk add --no-cache apache2\nCOPY site.conf /etc/apache2/sites-available/000-default.conf\n",
      ),
    ).toEqual(["3:warning"]);
  });

  it("leaves stages that bring their own main configuration alone", () => {
    const site = "COPY proxy.conf /etc/nginx/sites-enabled/proxy.conf\n";
    expect(short(`${nginx}COPY nginx.conf /etc/nginx/nginx.conf\n${site}`)).toEqual([]);
    expect(short(`${nginx}COPY nginx/ /etc/nginx/\n${site}`)).toEqual([]);
    expect(
      short(`${nginx}RUN sed -i 's/http.d/sites-enabled/' /etc/nginx/nginx.conf\n${site}`),
    ).toEqual([]);
    const app = "COPY app.conf /etc/supervisor/conf.d/app.conf\n";
    expect(short(`${supervisor}COPY s.conf /etc/supervisord.conf\n${app}`)).toEqual([]);
    expect(short(`${supervisor}COPY s.conf /etc/supervisor/supervisord.conf\n${app}`)).toEqual([]);
    expect(
      short(`${supervisor}${app}CMD ["supervisord", "-c", "/app/supervisord.conf"]\n`),
    ).toEqual([]);
    // supervisord reading the copied file itself.
    expect(
      short(`${supervisor}${app}CMD ["supervisord", "-c", "/etc/supervisor/conf.d/app.conf"]\n`),
    ).toEqual([]);
    expect(
      short(
        `${supervisor}RUN printf '[include]\\nfiles = /etc/supervisor/conf.d/*.conf\\n' >> /etc/supervisord.conf\n${app}`,
      ),
    ).toEqual([]);
  });

  it("leaves a file linked on into http.d, an include written by a RUN, and other stages", () => {
    expect(
      short(
        `${nginx}COPY p.conf /etc/nginx/sites-available/p\nRUN ln -s /etc/nginx/sites-available/p /etc/nginx/http.d/p.conf\n`,
      ),
    ).toEqual([]);
    expect(
      short(
        `${nginx}RUN echo 'include /etc/nginx/sites-enabled/*;' > /etc/nginx/http.d/sites.conf\nCOPY p.conf /etc/nginx/sites-enabled/p.conf\n`,
      ),
    ).toEqual([]);
    // No Alpine nginx installed, the nginx image, a Debian stage.
    expect(short("FROM alpine:3.24\nCOPY p.conf /etc/nginx/sites-available/p.conf\n")).toEqual([]);
    expect(short("FROM nginx:alpine\nCOPY p.conf /etc/nginx/sites-available/p.conf\n")).toEqual([]);
    expect(short(`${nginx}COPY p.conf /etc/nginx/http.d/p.conf\n`)).toEqual([]);
  });
});
