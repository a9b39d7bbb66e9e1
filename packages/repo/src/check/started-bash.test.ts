import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

/** `line severity` of each bash-missing finding of a Dockerfile (its first line is the FROM). */
const found = (text: string) =>
  checkStages("Dockerfile", describeStages(`${text}\n`, "Dockerfile"), settings)
    .filter((f) => f.rule === "bash-missing")
    .map((f) => `${f.line} ${f.severity}`);

const alpine = (...lines: string[]) => [`FROM alpine:3.23@${DIGEST}`, ...lines].join("\n");

describe("bash-missing: an ENTRYPOINT or CMD that starts bash", () => {
  it("reports exec forms that start bash, through tini and su-exec too", () => {
    expect(found(alpine('CMD ["bash"]'))).toEqual(["2 error"]);
    expect(found(alpine('ENTRYPOINT ["/bin/bash","-c"]'))).toEqual(["2 error"]);
    expect(found(alpine('ENTRYPOINT ["/sbin/tini", "--"]', 'CMD ["bash", "-l"]'))).toEqual([
      "3 error",
    ]);
    expect(found(alpine('CMD ["su-exec", "app", "/usr/bin/bash"]'))).toEqual(["2 error"]);
    expect(found(alpine('CMD ["sh", "-c", "exec bash -l"]'))).toEqual(["2 error"]);
  });

  it("reports a shell form that runs bash, and one run by SHELL [bash]", () => {
    expect(found(alpine('CMD bash -c "echo hi"'))).toEqual(["2 error"]);
    expect(found(alpine('SHELL ["/bin/bash", "-c"]', "CMD echo hi"))).toEqual(["3 error"]);
    const [finding] = checkStages(
      "Dockerfile",
      describeStages(`${alpine('SHELL ["/bin/bash", "-c"]', "CMD echo hi")}\n`, "Dockerfile"),
      settings,
    ).filter((f) => f.rule === "bash-missing" && f.line === 3);
    expect(finding?.message).toMatch(
      /CMD starts bash \(the shell form runs under SHELL on line 2\)/,
    );
  });

  it("reports dash started (no busybox applet): exec form, shell form, SHELL [dash]; clean once installed", () => {
    expect(found(alpine('ENTRYPOINT ["/bin/dash", "/entry.sh"]'))).toEqual(["2 error"]);
    expect(found(alpine("CMD dash -c 'exec app'"))).toEqual(["2 error"]);
    expect(found(alpine('SHELL ["/bin/dash", "-c"]', "CMD echo hi"))).toEqual(["3 error"]);
    expect(found(alpine("RUN apk add --no-cache dash", 'CMD ["dash", "-c", "echo hi"]'))).toEqual(
      [],
    );
    const [finding] = checkStages(
      "Dockerfile",
      describeStages(`${alpine('CMD ["dash", "-c", "true"]')}\n`, "Dockerfile"),
      settings,
    ).filter((f) => f.rule === "bash-missing");
    expect(finding?.message).toMatch(
      /^CMD starts dash, .*"dash: not found".*add dash to an apk add/,
    );
  });

  it("is clean once apk installs bash, here or in the stage built on", () => {
    expect(found(alpine("RUN apk add --no-cache bash", 'CMD ["bash"]'))).toEqual([]);
    const child = `FROM alpine:3.23@${DIGEST} AS base\nRUN apk add --no-cache bash\nFROM base\nCMD ["bash"]`;
    expect(found(child)).toEqual([]);
  });

  it("is an error again when apk del removes bash before the image is done", () => {
    expect(
      found(alpine("RUN apk add --no-cache bash", "RUN apk del bash", 'CMD ["bash"]')),
    ).toEqual(["4 error"]);
  });

  it("knows images that ship bash, and warns on a base whose contents are not known", () => {
    expect(found(`FROM bash:5.2-alpine3.23@${DIGEST}\nCMD ["bash"]`)).toEqual([]);
    expect(found(`FROM postgres:17-alpine@${DIGEST}\nCMD ["bash"]`)).toEqual([]);
    expect(found(`FROM ghcr.io/acme/base:alpine@${DIGEST}\nCMD ["bash"]`)).toEqual(["2 warning"]);
  });

  it("judges the inherited CMD in the stage that runs it, on the line that wrote it", () => {
    const text = `FROM alpine:3.23@${DIGEST} AS base\nCMD ["bash"]\nFROM base\nRUN echo hi`;
    expect(found(text)).toEqual(["2 error"]);
    // A new ENTRYPOINT drops the CMD it inherited, as Docker does.
    expect(found(`${text}\nENTRYPOINT ["/bin/sh", "-c", "echo"]`)).toEqual([]);
  });

  it("leaves a builder's CMD, a script ENTRYPOINT given bash as an argument, and a probe", () => {
    const builder = `FROM alpine:3.23@${DIGEST} AS build\nCMD ["bash"]\nFROM alpine:3.23@${DIGEST}\nCOPY --from=build /etc/os-release /x`;
    expect(found(builder)).toEqual([]);
    expect(found(alpine('ENTRYPOINT ["/entry.sh"]', 'CMD ["bash"]'))).toEqual([]);
    expect(
      found(
        alpine('CMD ["sh", "-c", "if command -v bash >/dev/null; then exec bash; fi; exec sh"]'),
      ),
    ).toEqual([]);
    expect(found(alpine('CMD ["sh", "-c", "echo bash"]'))).toEqual([]);
  });

  it("leaves an image that links or copies a bash in", () => {
    expect(found(alpine("RUN ln -s /bin/busybox /bin/bash", 'CMD ["bash"]'))).toEqual([]);
    expect(
      found(alpine("COPY --from=bash:5 /usr/local/bin/bash /usr/local/bin/bash", 'CMD ["bash"]')),
    ).toEqual([]);
  });
});
