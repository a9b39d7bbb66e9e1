import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";
import { supervisordConfigArg } from "./supervisord-config.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function found(text: string) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
    (f) => f.rule === "apt-in-alpine",
  );
}
const short = (text: string) => found(text).map((f) => `${f.line}:${f.severity}`);

const base = "FROM alpine:3.24\nRUN apk add --no-cache supervisor\n";
const debianConf = "/etc/supervisor/supervisord.conf";

describe("apt-in-alpine: supervisord started on Debian's configuration file", () => {
  it("fails the tester's migrated file: CMD supervisord -c Debian's supervisord.conf", () => {
    const hits = found(`${base}CMD ["supervisord", "-n", "-c", "${debianConf}"]\n`);
    expect(hits).toMatchObject([{ line: 3, severity: "error" }]);
    expect(hits[0]!.message).toMatch(
      /^CMD starts supervisord -c \/etc\/supervisor\/supervisord\.conf in Alpine stage 0: Alpine has no \/etc\/supervisor\/supervisord\.conf, so supervisord exits at start \("could not find config file"\); .*Alpine's supervisor reads \/etc\/supervisord\.conf: pass -c \/etc\/supervisord\.conf/,
    );
  });

  it("reads the call by path, behind tini, in sh -c, in a shell form and in ENTRYPOINT", () => {
    expect(short(`${base}CMD ["/usr/bin/supervisord", "-c", "${debianConf}"]\n`)).toEqual([
      "3:error",
    ]);
    expect(
      short(`${base}ENTRYPOINT ["tini", "--", "supervisord", "-nc", "${debianConf}"]\n`),
    ).toEqual(["3:error"]);
    expect(
      short(`${base}CMD ["sh", "-c", "exec supervisord --configuration=${debianConf}"]\n`),
    ).toEqual(["3:error"]);
    expect(short(`${base}CMD exec /usr/bin/supervisord -n -c ${debianConf}\n`)).toEqual([
      "3:error",
    ]);
  });

  it("is a warning on a base image whose contents are not known", () => {
    const text = `FROM example.com/tools:1.0-alpine\nRUN apk add --no-cache supervisor\nCMD ["supervisord", "-c", "${debianConf}"]\n`;
    const hits = found(text);
    expect(hits).toMatchObject([{ line: 3, severity: "warning" }]);
    expect(hits[0]!.message).toMatch(/unless its base image puts one there/);
  });

  it("leaves a file the stage puts there, Alpine's own file, and no -c alone", () => {
    expect(
      short(`${base}COPY sv.conf ${debianConf}\nCMD ["supervisord", "-c", "${debianConf}"]\n`),
    ).toEqual([]);
    expect(
      short(`${base}COPY sv/ /etc/supervisor/\nCMD ["supervisord", "-c", "${debianConf}"]\n`),
    ).toEqual([]);
    expect(short(`${base}CMD ["supervisord", "-n", "-c", "/etc/supervisord.conf"]\n`)).toEqual([]);
    expect(short(`${base}CMD ["supervisord", "-n"]\n`)).toEqual([]);
    // A builder stage's command is never run.
    expect(
      short(
        `${base.replace("\n", " AS b\n")}CMD ["supervisord", "-c", "${debianConf}"]\nFROM b\nCMD ["sh"]\n`,
      ),
    ).toEqual([]);
  });
});

describe("supervisordConfigArg", () => {
  it("reads -c as supervisord's getopt does", () => {
    expect(supervisordConfigArg(["-n", "-c", "/a"])).toBe("/a");
    expect(supervisordConfigArg(["-c/a"])).toBe("/a");
    expect(supervisordConfigArg(["-nc", "/a"])).toBe("/a");
    expect(supervisordConfigArg(["--configuration", "/a"])).toBe("/a");
    expect(supervisordConfigArg(["--configuration=/a"])).toBe("/a");
    expect(supervisordConfigArg(["--conf=/a"])).toBe("/a");
    // Values of other options are not the configuration.
    expect(supervisordConfigArg(["-u", "-c", "-n"])).toBeUndefined();
    expect(supervisordConfigArg(["-l", "/var/log/s.log", "-n"])).toBeUndefined();
    expect(supervisordConfigArg(["--user", "-c"])).toBeUndefined();
    expect(supervisordConfigArg(["-lc", "-n"])).toBeUndefined();
  });
});
