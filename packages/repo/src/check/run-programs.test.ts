import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function found(text: string) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
    (f) => f.rule === "debian-program",
  );
}
const short = (text: string) => found(text).map((f) => `${f.line}:${f.severity}`);

describe("debian-program: RUN calls of programs Alpine lacks under that name", () => {
  it("fails apachectl after apk add apache2 alone", () => {
    const hits = found(
      "FROM alpine:3.24\nRUN apk add --no-cache apache2 && apachectl configtest\n",
    );
    expect(hits).toMatchObject([{ line: 2, severity: "error" }]);
    expect(hits[0]!.message).toMatch(
      /^RUN calls apachectl in Alpine stage 0, .*build fails here: .*apache2-ctl subpackage/,
    );
    expect(short("FROM alpine:3.24\nRUN a2enmod rewrite\n")).toEqual(["2:error"]);
    expect(short("FROM alpine:3.24\nRUN apache2ctl -t || true\n")).toEqual(["2:warning"]);
  });

  it("lets a program through once the package that provides it is installed", () => {
    expect(
      short("FROM alpine:3.24\nRUN apk add --no-cache apache2 apache2-ctl && apachectl -t\n"),
    ).toEqual([]);
    expect(
      short("FROM alpine:3.24\nRUN apk add --no-cache runuser\nRUN runuser -u nobody -- id\n"),
    ).toEqual([]);
    // Installed only after the call: not there yet when it runs.
    expect(
      short("FROM alpine:3.24\nRUN apachectl -t\nRUN apk add --no-cache apache2-ctl\n"),
    ).toEqual(["2:error"]);
  });

  it("leaves tools other rules judge to them, and Debian stages alone", () => {
    expect(short("FROM alpine:3.24\nRUN systemctl enable nginx\n")).toEqual([]);
    expect(short("FROM alpine:3.24\nRUN groupdel games\n")).toEqual([]);
    expect(short("FROM debian:trixie\nRUN apachectl -t\n")).toEqual([]);
  });

  it("does not report a CMD apachectl the stage installed apache2-ctl for", () => {
    expect(
      short(
        "FROM alpine:3.24\nRUN apk add --no-cache apache2 apache2-ctl\nCMD apachectl -D FOREGROUND\n",
      ),
    ).toEqual([]);
    expect(
      short("FROM alpine:3.24\nRUN apk add --no-cache apache2\nCMD apachectl -D FOREGROUND\n"),
    ).toEqual(["3:error"]);
  });
});
