import { describe, expect, it } from "vitest";
import { migrate } from "../../test/helpers.js";

const FROM = "FROM debian:bookworm-slim\n";
const entry = (path: string) => `ENTRYPOINT ["${path}", "--"]\n`;

// aports community/tini: tini installs /sbin/tini, its subpackage tini-static /sbin/tini-static
// alone. Debian's tini package ships /usr/bin/tini and /usr/bin/tini-static.
describe("rule 8: tini's path follows the Alpine package installed", () => {
  it("points /usr/bin/tini-static at /sbin/tini-static when tini-static is installed", () => {
    const r = migrate(
      `${FROM}RUN apt-get update && apt-get install -y tini-static\n${entry("/usr/bin/tini-static")}CMD ["/usr/bin/tini", "--version"]\n`,
    );
    expect(r.output).toBe(
      `FROM alpine:3.23\nRUN apk add --no-cache tini-static\n${entry("/sbin/tini-static")}CMD ["/sbin/tini-static", "--version"]\n`,
    );
  });

  it("points Debian tini's /usr/bin/tini-static at /sbin/tini: no second package", () => {
    const r = migrate(`${FROM}RUN apt-get install -y tini\n${entry("/usr/bin/tini-static")}`);
    expect(r.output).toBe(`FROM alpine:3.23\nRUN apk add --no-cache tini\n${entry("/sbin/tini")}`);
  });

  it("keeps each path when the stage installs both", () => {
    const r = migrate(
      `${FROM}RUN apt-get install -y tini tini-static\n${entry("/usr/bin/tini-static")}CMD ["/usr/bin/tini"]\n`,
    );
    expect(r.output).toContain(`${entry("/sbin/tini-static")}CMD ["/sbin/tini"]\n`);
  });

  it("follows the package a parent stage installed", () => {
    const r = migrate(
      `${FROM.replace("\n", " AS base\n")}RUN apt-get install -y tini-static\nFROM base\n${entry("/usr/bin/tini-static")}`,
    );
    expect(r.output).toContain(`FROM base\n${entry("/sbin/tini-static")}`);
  });
});
