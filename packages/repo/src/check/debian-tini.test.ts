import { migrateDockerfile } from "@alpinize/dockerfile";
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

/** The debian-program findings about tini: `line fix`. */
const found = (text: string) =>
  checkStages("Dockerfile", describeStages(`${text}\n`, "Dockerfile"), settings)
    .filter((f) => f.rule === "debian-program" && f.message.includes("tini"))
    .map((f) => `${f.line} ${f.severity} ${/use (\/[\w/-]+)/.exec(f.message)?.[1]}`);

const alpine = (...lines: string[]) => [`FROM alpine:3.23@${DIGEST}`, ...lines].join("\n");

describe("debian-program: tini run by Debian's path in an image that has apk's tini", () => {
  it("reports /usr/bin/tini after apk add tini, with /sbin/tini as the fix", () => {
    const text = alpine("RUN apk add --no-cache tini", 'ENTRYPOINT ["/usr/bin/tini", "--"]');
    expect(found(text)).toEqual(["3 error /sbin/tini"]);
  });

  it("gives /sbin/tini-static for apk's tini-static, which does not bring /sbin/tini", () => {
    const only = alpine("RUN apk add --no-cache tini-static");
    expect(found(`${only}\nENTRYPOINT ["/usr/bin/tini-static", "--"]`)).toEqual([
      "3 error /sbin/tini-static",
    ]);
    expect(found(`${only}\nENTRYPOINT ["/usr/bin/tini", "--"]`)).toEqual([
      "3 error /sbin/tini-static",
    ]);
    // Debian's tini package has tini-static too; with Alpine's tini alone, /sbin/tini is there.
    const tini = alpine("RUN apk add --no-cache tini", 'ENTRYPOINT ["/usr/bin/tini-static"]');
    expect(found(tini)).toEqual(["3 error /sbin/tini"]);
  });

  it("reports /sbin/tini when apk installed only tini-static, and the reverse", () => {
    const only = alpine("RUN apk add --no-cache tini-static", 'ENTRYPOINT ["/sbin/tini", "--"]');
    expect(found(only)).toEqual(["3 error /sbin/tini-static"]);
    const tini = alpine("RUN apk add --no-cache tini", 'ENTRYPOINT ["/sbin/tini-static", "--"]');
    expect(found(tini)).toEqual(["3 error /sbin/tini"]);
    const both = alpine("RUN apk add tini tini-static", 'ENTRYPOINT ["/sbin/tini-static"]');
    expect(found(both)).toEqual([]);
    const linked = alpine("RUN apk add tini-static && ln -s /sbin/tini-static /sbin/tini");
    expect(found(`${linked}\nENTRYPOINT ["/sbin/tini", "--"]`)).toEqual([]);
  });

  it("reads shell forms, CMD, and an ENTRYPOINT the stage inherits", () => {
    expect(found(alpine("RUN apk add tini", "ENTRYPOINT /usr/bin/tini -- node app.js"))).toEqual([
      "3 error /sbin/tini",
    ]);
    expect(found(alpine("RUN apk add tini", 'CMD ["/usr/bin/tini", "--", "node"]'))).toEqual([
      "3 error /sbin/tini",
    ]);
    const chain = `FROM alpine:3.23@${DIGEST} AS base\nENTRYPOINT ["/usr/bin/tini", "--"]\nFROM base\nRUN apk add --no-cache tini`;
    expect(found(chain)).toEqual(["2 error /sbin/tini"]);
  });

  it("leaves a tini the Dockerfile puts at /usr/bin itself", () => {
    const entry = 'ENTRYPOINT ["/usr/bin/tini", "--"]';
    const apk = "RUN apk add --no-cache tini";
    const url = "https://github.com/krallin/tini/releases/download/v0.19.0/tini-static-amd64";
    expect(found(alpine(apk, `ADD ${url} /usr/bin/tini`, entry))).toEqual([]);
    expect(found(alpine(apk, "ADD https://example.org/tini /usr/bin/", entry))).toEqual([]);
    expect(found(alpine(apk, "COPY --from=tini-image /tini /usr/bin/tini", entry))).toEqual([]);
    expect(found(alpine(apk, `RUN wget -O /usr/bin/tini ${url}`, entry))).toEqual([]);
    expect(found(alpine(apk, "RUN ln -s /sbin/tini /usr/bin/tini", entry))).toEqual([]);
  });

  it("only warns on a base image whose contents are not known", () => {
    const text = `FROM ghcr.io/acme/base:alpine@${DIGEST}\nRUN apk add tini\nENTRYPOINT ["/usr/bin/tini"]`;
    expect(found(text)).toEqual(["3 warning /sbin/tini"]);
  });

  it("leaves /sbin/tini, a bare tini, and a tini apk did not install", () => {
    expect(found(alpine("RUN apk add tini", 'ENTRYPOINT ["/sbin/tini", "--"]'))).toEqual([]);
    expect(found(alpine("RUN apk add tini", 'ENTRYPOINT ["tini", "--"]'))).toEqual([]);
    expect(found(alpine('ENTRYPOINT ["/usr/bin/tini", "--"]'))).toEqual([]);
    expect(
      found(alpine("RUN apk add tini && apk del tini", 'ENTRYPOINT ["/usr/bin/tini"]')),
    ).toEqual([]);
  });

  it("agrees with migrate: what it leaves of a Debian tini is clean, the path it moves is not", () => {
    const debian = [
      `FROM debian:bookworm-slim@${DIGEST}`,
      "RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*",
      'ENTRYPOINT ["/usr/bin/tini", "--"]',
      'CMD ["/usr/bin/tini-static", "--version"]',
    ].join("\n");
    const { output } = migrateDockerfile(debian, { release: "3.23" });
    expect(output).toContain('ENTRYPOINT ["/sbin/tini", "--"]');
    expect(found(output)).toEqual([]);
    expect(found(output.replaceAll("/sbin/tini", "/usr/bin/tini"))).toEqual(["3 error /sbin/tini"]);
  });
});
