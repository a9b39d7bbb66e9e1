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

const jdk = "FROM alpine:3.24\nRUN apk add --no-cache openjdk17-jre-headless\n";

describe("apt-in-alpine: ENV values and ARG defaults in Debian's layout", () => {
  it("warns about JAVA_HOME pointing at Debian's JDK folder", () => {
    const hits = found(`${jdk}ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64\n`);
    expect(hits).toMatchObject([{ line: 3, severity: "warning" }]);
    expect(hits[0]!.message).toMatch(
      /^ENV JAVA_HOME=\/usr\/lib\/jvm\/java-17-openjdk-amd64 in Alpine stage 0: .*fails when it runs.*Debian's JDK directory; Alpine's openjdkNN installs into \/usr\/lib\/jvm\/java-NN-openjdk/,
    );
  });

  it("reads the old ENV form, ARG defaults and PATH-like lists", () => {
    expect(short(`${jdk}ENV JAVA_HOME /usr/lib/jvm/java-17-openjdk-amd64\n`)).toEqual([
      "3:warning",
    ]);
    expect(short(`${jdk}ARG JDK=/usr/lib/jvm/java-17-openjdk-arm64\n`)).toEqual(["3:warning"]);
    expect(
      short(`${jdk}ENV PATH=/usr/local/bin:/usr/lib/jvm/java-17-openjdk-amd64/bin:$PATH\n`),
    ).toEqual(["3:warning"]);
  });

  it("leaves Alpine's paths, Debian stages and folders the stage makes alone", () => {
    expect(short(`${jdk}ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk\n`)).toEqual([]);
    expect(short(`${jdk}ARG JAVA_HOME\nENV PATH=/usr/local/bin:$PATH\n`)).toEqual([]);
    expect(
      short(
        `${jdk}ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64\nRUN ln -s java-17-openjdk /usr/lib/jvm/java-17-openjdk-amd64\n`,
      ),
    ).toEqual([]);
    expect(short("FROM debian:trixie\nENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64\n")).toEqual(
      [],
    );
  });
});
