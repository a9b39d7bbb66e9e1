import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { apkAdded, apkInstalls } from "./apk-history.js";

/** Packages installed when the last stage's image runs. */
function installed(...lines: string[]): string[] {
  const stages = describeStages(`${lines.join("\n")}\n`, "Dockerfile");
  const last = stages.at(-1);
  return last ? [...apkInstalls(last, stages).keys()].sort() : [];
}

describe("apkInstalls: what is still installed when the image runs", () => {
  it("drops a virtual group's packages when apk del removes the group, in any spelling", () => {
    const forms = [
      "apk add --no-cache --virtual .tmp shadow && apk del .tmp",
      "apk add --no-cache -t .tmp shadow && apk del --no-network .tmp",
      "apk add --no-cache --virtual=.tmp shadow && apk del .tmp",
      "apk add --no-cache -t.tmp shadow && apk del .tmp",
      "apk --no-cache add -Ut .tmp shadow && apk del .tmp",
      "apk -X https://dl-cdn.alpinelinux.org/alpine/v3.23/main add -t .tmp shadow && apk del .tmp",
    ];
    for (const run of forms) expect(installed("FROM alpine:3.23", `RUN ${run}`), run).toEqual([]);
  });

  it("drops a package apk del names, in the same RUN or a later one", () => {
    expect(
      installed("FROM alpine:3.23", "RUN apk add --no-cache shadow curl && apk del shadow"),
    ).toEqual(["curl"]);
    expect(
      installed(
        "FROM alpine:3.23",
        "RUN apk add --no-cache shadow=4.16.0-r1",
        "RUN apk del shadow",
      ),
    ).toEqual([]);
  });

  it("keeps a package the world or another live group still asks for", () => {
    const both = "RUN apk add --no-cache shadow && apk add -t .b shadow gcc && apk del .b";
    expect(installed("FROM alpine:3.23", both)).toEqual(["shadow"]);
    const twoGroups = "RUN apk add -t .a shadow && apk add -t .b shadow && apk del .a";
    expect(installed("FROM alpine:3.23", twoGroups)).toEqual(["shadow"]);
    expect(installed("FROM alpine:3.23", `${twoGroups} .b`)).toEqual([]);
    // apk del only takes the name out of the world: .tmp still holds shadow.
    const held = "RUN apk add -t .tmp shadow && apk del shadow";
    expect(installed("FROM alpine:3.23", held)).toEqual(["shadow"]);
  });

  it("gives a virtual group added again only its new names", () => {
    const again = "RUN apk add -t .tmp shadow && apk add -t .tmp curl";
    expect(installed("FROM alpine:3.23", again)).toEqual(["curl"]);
  });

  it("counts an apk add after the delete", () => {
    const lines = ["FROM alpine:3.23", "RUN apk add -t .tmp shadow && apk del .tmp"];
    expect(installed(...lines, "RUN apk add --no-cache shadow")).toEqual(["shadow"]);
  });

  it("starts a stage with what the stage it builds on left, ONBUILD RUNs included", () => {
    const parent = ["FROM alpine:3.23 AS base", "RUN apk add -t .tmp shadow bash"];
    expect(installed(...parent, "FROM base")).toEqual(["bash", "shadow"]);
    expect(installed(...parent, "RUN apk del .tmp", "FROM base")).toEqual([]);
    expect(installed(...parent, "FROM base", "RUN apk del .tmp")).toEqual([]);
    expect(installed(...parent, "ONBUILD RUN apk del .tmp", "FROM base")).toEqual([]);
  });

  it("reads package lists from ENV, stage ARG defaults and the RUN's own assignments", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile text
    const env = ["FROM alpine:3.23", 'ENV DEPS="shadow su-exec"', "RUN apk add -t .b ${DEPS}"];
    expect(installed(...env)).toEqual(["shadow", "su-exec"]);
    expect(installed(...env, "RUN apk del .b")).toEqual([]);
    expect(installed("FROM alpine:3.23", 'ARG RUNTIME="shadow"', "RUN apk add $RUNTIME")).toEqual([
      "shadow",
    ]);
    const assigned =
      'RUN DEPS="shadow curl" && apk add $DEPS && export GONE=shadow && apk del $GONE';
    expect(installed("FROM alpine:3.23", assigned)).toEqual(["curl"]);
  });

  it("names no package through a variable it cannot read, but deletes a group named by the same word", () => {
    expect(installed("FROM alpine:3.23", "RUN apk add $UNKNOWN")).toEqual([]);
    const group = "RUN apk add -t $GROUP shadow && apk del $GROUP";
    expect(installed("FROM alpine:3.23", group)).toEqual([]);
  });

  it("leaves out simulations and installs into another root", () => {
    expect(installed("FROM alpine:3.23", "RUN apk add -s shadow")).toEqual([]);
    expect(installed("FROM alpine:3.23", "RUN apk add --root /rootfs --initdb shadow")).toEqual([]);
    expect(installed("FROM alpine:3.23", "RUN apk add -p / shadow")).toEqual(["shadow"]);
  });

  it("still lists for apkAdded what was deleted again", () => {
    const stages = describeStages(
      "FROM alpine:3.23\nRUN apk add -t .b gcc musl-dev && go build . && apk del .b\n",
      "Dockerfile",
    );
    expect([...apkAdded(stages[0]!, stages).keys()]).toEqual(["gcc", "musl-dev"]);
  });
});
