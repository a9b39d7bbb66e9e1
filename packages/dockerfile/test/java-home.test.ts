// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { debianPathNote } from "../src/index.js";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const jdkNotes = (text: string, release?: string) =>
  migrate(text, release ? { release } : {})
    .warnings.filter((w) => /Debian's JDK directory/.test(w.message))
    .map((w) => w.line);

describe("apt: Debian's JDK directory becomes the Alpine JDK's", () => {
  it("rewrites ENV, RUN and CMD paths for the openjdk the stage installs, and drops the warning", () => {
    const text = lines(
      "FROM debian:12",
      "RUN apt-get update && apt-get install -y openjdk-17-jre-headless && rm -rf /var/lib/apt/lists/*",
      "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 PATH=/usr/lib/jvm/java-17-openjdk-amd64/bin:$PATH",
      "RUN ln -s /usr/lib/jvm/java-17-openjdk-arm64 /opt/jdk",
      'CMD ["/usr/lib/jvm/java-1.17.0-openjdk-amd64/bin/java", "-jar", "/app.jar"]',
    );
    const r = migrate(text);
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        "RUN apk add --no-cache openjdk17-jre-headless",
        "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk PATH=/usr/lib/jvm/java-17-openjdk/bin:$PATH",
        "RUN ln -s /usr/lib/jvm/java-17-openjdk /opt/jdk",
        'CMD ["/usr/lib/jvm/java-17-openjdk/bin/java", "-jar", "/app.jar"]',
      ),
    );
    expect(jdkNotes(text)).toEqual([]);
  });

  it("uses java-1.8-openjdk for Java 8, $TARGETARCH spellings included, and reads a parent stage", () => {
    const text = lines(
      "FROM ubuntu:22.04 AS jre",
      "RUN apt-get update && apt-get install -y --no-install-recommends openjdk-8-jdk",
      "FROM jre",
      "ARG TARGETARCH",
      "ENV JAVA_HOME=/usr/lib/jvm/java-8-openjdk-${TARGETARCH}",
    );
    expect(migrate(text).output).toContain("ENV JAVA_HOME=/usr/lib/jvm/java-1.8-openjdk\n");
    expect(jdkNotes(text)).toEqual([]);
  });

  it("follows a major the release lacks to the one installed instead, in the install's RUN too", () => {
    const r = migrate(
      lines(
        "FROM debian:13",
        "RUN apt-get update && apt-get install -y openjdk-25-jre-headless && ln -s /usr/lib/jvm/java-25-openjdk-amd64 /opt/jdk",
        "ENV JAVA_HOME=/usr/lib/jvm/java-25-openjdk-amd64",
      ),
      { release: "3.21" },
    );
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.21",
        "RUN apk add --no-cache openjdk21-jre-headless && ln -s /usr/lib/jvm/java-21-openjdk /opt/jdk",
        "ENV JAVA_HOME=/usr/lib/jvm/java-21-openjdk",
      ),
    );
    expect(r.warnings.filter((w) => /JDK directory/.test(w.message))).toEqual([]);
  });

  it("points an eclipse-temurin stage at /opt/java/openjdk", () => {
    const text = lines(
      "FROM eclipse-temurin:21-jre",
      "ENV JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64",
    );
    expect(migrate(text).output).toBe(
      lines("FROM eclipse-temurin:21-jre-alpine", "ENV JAVA_HOME=/opt/java/openjdk"),
    );
  });

  it("keeps the path and its warning without a JDK to point at, or for another major", () => {
    const cases = [
      lines("FROM debian:12", "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64"),
      lines(
        "FROM debian:12",
        "RUN apt-get install -y openjdk-17-jre-headless",
        "ENV JAVA_HOME=/usr/lib/jvm/java-11-openjdk-amd64",
      ),
    ];
    for (const text of cases) {
      expect(migrate(text).output).toContain("-openjdk-amd64");
      expect(jdkNotes(text)).toHaveLength(1);
    }
  });

  it("keeps the other Debian paths of the same instruction in its warning", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        "RUN apt-get install -y openjdk-17-jdk",
        "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu",
      ),
    );
    const note = r.warnings.find((w) => w.line === 3)?.message ?? "";
    expect(note).toMatch(/^\/usr\/lib\/x86_64-linux-gnu is Debian's multiarch/);
    expect(note).not.toMatch(/JDK directory/);
  });

  it("debianPathNote (check's Debian layout rule) reports every architecture's spelling", () => {
    for (const path of [
      "/usr/lib/jvm/java-21-openjdk-riscv64/bin",
      "/usr/lib/jvm/java-1.8.0-openjdk-armhf",
      "/usr/lib/jvm/java-17-openjdk-${TARGETARCH}",
    ]) {
      expect(debianPathNote(`: ${path}`, "RUN", "3.24")?.note, path).toMatch(/JDK directory/);
    }
    expect(debianPathNote(": /usr/lib/jvm/java-17-openjdk/bin", "RUN", "3.24")).toBeUndefined();
  });
});

describe("apt: Debian's default-java link and default-jdk's major", () => {
  const javaWarnings = (r: ReturnType<typeof migrate>) =>
    r.warnings.filter((w) => /default-j/.test(w.message)).map((w) => `${w.line}: ${w.message}`);

  it("rewrites /usr/lib/jvm/default-java to default-jvm, and says bookworm's default-jdk is 17", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y default-jdk",
        "ENV JAVA_HOME=/usr/lib/jvm/default-java PATH=/usr/lib/jvm/default-java/bin:$PATH",
      ),
    );
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        "RUN apk add --no-cache openjdk21-jdk",
        "ENV JAVA_HOME=/usr/lib/jvm/default-jvm PATH=/usr/lib/jvm/default-jvm/bin:$PATH",
      ),
    );
    expect(javaWarnings(r)).toEqual([
      "2: default-jdk is Java 17 on Debian 12 (bookworm); on Alpine 3.23 it became Java 21 (openjdk21): check the application runs on it, or install openjdk-17-jdk (openjdk17-jdk where Alpine still ships it) to keep Java 17",
    ]);
  });

  it("has no version warning where Debian's default is the same major (trixie, 21)", () => {
    const r = migrate(
      lines(
        "FROM debian:trixie-slim",
        "RUN apt-get update && apt-get install -y default-jre-headless",
        'CMD ["/usr/lib/jvm/default-java/bin/java", "-jar", "/app.jar"]',
      ),
    );
    expect(r.output).toContain('CMD ["/usr/lib/jvm/default-jvm/bin/java", "-jar", "/app.jar"]');
    expect(javaWarnings(r)).toEqual([]);
  });

  it("warns at default-java without an Alpine JDK, and leaves lookalikes", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm",
        "ENV JAVA_HOME=/usr/lib/jvm/default-java",
        "ENV X=/usr/lib/jvm/default-java8",
      ),
    );
    expect(r.output).toContain(
      "ENV JAVA_HOME=/usr/lib/jvm/default-java\nENV X=/usr/lib/jvm/default-java8\n",
    );
    expect(javaWarnings(r).map((w) => w.split(":")[0])).toEqual(["2"]);
  });
});
