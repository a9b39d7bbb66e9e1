import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function found(text: string) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
    (f) => f.rule === "apt-in-alpine",
  );
}
const short = (text: string) => found(text).map((f) => `${f.line}:${f.severity}`);

const nginx = "FROM alpine:3.24\nRUN apk add --no-cache nginx gettext\n";
const render = "envsubst < /t > /etc/nginx/conf.d/default.conf";

describe("apt-in-alpine: configs written into Alpine nginx's conf.d", () => {
  it("warns about a CMD that renders a server config into conf.d", () => {
    const hits = found(`${nginx}CMD ["sh","-c","${render} && nginx -g 'daemon off;'"]\n`);
    expect(hits).toMatchObject([{ line: 3, severity: "warning" }]);
    expect(hits[0]!.message).toMatch(/outside http \{\}.*\/etc\/nginx\/http\.d\//);
    expect(short(`${nginx}CMD ${render} && exec nginx -g 'daemon off;'\n`)).toEqual(["3:warning"]);
  });

  it("warns about RUN redirections, tee, cp, ln and COPY into conf.d", () => {
    expect(short(`${nginx}RUN ${render}\n`)).toEqual(["3:warning"]);
    expect(short(`${nginx}RUN echo x | tee /etc/nginx/conf.d/app.conf\n`)).toEqual(["3:warning"]);
    expect(short(`${nginx}RUN cp /tmp/site.conf /etc/nginx/conf.d/\n`)).toEqual(["3:warning"]);
    expect(short(`${nginx}RUN ln -s /srv/app.conf /etc/nginx/conf.d/app.conf\n`)).toEqual([
      "3:warning",
    ]);
    expect(short(`${nginx}COPY site.conf /etc/nginx/conf.d/default.conf\n`)).toEqual(["3:warning"]);
    expect(short(`${nginx}COPY site.conf /etc/nginx/conf.d/\n`)).toEqual(["3:warning"]);
  });

  it("leaves http.d, the nginx image, stages without nginx and their own nginx.conf alone", () => {
    expect(short(`${nginx}COPY site.conf /etc/nginx/http.d/default.conf\n`)).toEqual([]);
    expect(short(`FROM nginx:alpine\nCOPY site.conf /etc/nginx/conf.d/default.conf\n`)).toEqual([]);
    expect(short(`FROM alpine:3.24\nCOPY site.conf /etc/nginx/conf.d/default.conf\n`)).toEqual([]);
    expect(
      short(
        `${nginx}COPY nginx.conf /etc/nginx/nginx.conf\nCOPY site.conf /etc/nginx/conf.d/default.conf\n`,
      ),
    ).toEqual([]);
    expect(short(`${nginx}RUN rm -f /etc/nginx/conf.d/stream.conf\n`)).toEqual([]);
  });
});
