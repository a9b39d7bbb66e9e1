import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function found(text: string): { line: number; severity: string; message: string }[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "debian-program")
    .map(({ line, severity, message }) => ({ line, severity, message }));
}

describe("debian-program: update-alternatives in a RUN", () => {
  it("is an error in an Alpine stage, with the link to make instead", () => {
    const text = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN apk add --no-cache python3 openjdk17-jre",
      "RUN update-alternatives --install /usr/bin/python python /usr/bin/python3 1",
      "RUN set -e; update-alternatives --set java /usr/lib/jvm/java-17/bin/java",
      "",
    ].join("\n");
    const got = found(text);
    expect(got.map((f) => `${f.line}:${f.severity}`)).toEqual(["3:error", "4:error"]);
    expect(got[0]?.message).toBe(
      "update-alternatives --install in Alpine stage 0: Debian's alternatives system, which Alpine does not have, so the build fails here; make the link yourself (ln -sf /usr/bin/python3 /usr/bin/python) or call the program by its own name",
    );
    expect(got[1]?.message).toMatch(
      /^update-alternatives --set in Alpine stage 0: .*ln -sf TARGET/,
    );
  });

  it("leaves Debian stages, echoed text and stages with Alpine's dpkg installed alone", () => {
    expect(
      found(
        "FROM debian:12\nRUN update-alternatives --install /usr/bin/python python /usr/bin/python3 1\n",
      ),
    ).toEqual([]);
    const alpine = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN echo 'update-alternatives --set java x' >> /notes",
      "RUN apk add --no-cache dpkg && update-alternatives --set editor /usr/bin/vi",
      "",
    ].join("\n");
    expect(found(alpine)).toEqual([]);
  });
});
