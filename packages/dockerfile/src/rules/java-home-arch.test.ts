// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "../../test/helpers.js";
import { debianPathNote } from "./debian-layout.js";

const FROM = "FROM debian:bookworm-slim\n";
const INSTALL = "RUN apt-get update && apt-get install -y openjdk-17-jdk-headless\n";

// Debian's JDK is /usr/lib/jvm/java-17-openjdk-<Debian architecture>, often spelled with the
// architecture computed; Alpine's openjdk17 is /usr/lib/jvm/java-17-openjdk on every architecture.
describe("apt: Debian's JDK directory with a computed architecture", () => {
  it("drops the computed suffix where the stage has an Alpine JDK", () => {
    const r = migrate(
      `${FROM}${INSTALL}RUN ln -s /usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture) /opt/jdk\nRUN ARCH=$(dpkg --print-architecture) && ln -s /usr/lib/jvm/java-17-openjdk-$ARCH /opt/a && ls /usr/lib/jvm/java-17-openjdk-\${ARCH}/bin\n`,
    );
    expect(r.output).toContain(
      "RUN apk add --no-cache openjdk17-jdk\nRUN ln -s /usr/lib/jvm/java-17-openjdk /opt/jdk\nRUN ARCH=$(apk --print-arch",
    );
    expect(r.output).toContain(
      "&& ln -s /usr/lib/jvm/java-17-openjdk /opt/a && ls /usr/lib/jvm/java-17-openjdk/bin\n",
    );
    expect(r.warnings).toEqual([]);
  });

  it("warns, with where and Alpine's directory, where the stage has no Alpine JDK", () => {
    const r = migrate(
      `${FROM}RUN ln -s /usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture) /opt/jdk\nENV JAVA_HOME=/usr/lib/jvm/java-1.8.0-openjdk-\${arch}\n`,
    );
    expect(r.warnings.map((w) => `${w.line}:${w.column}`)).toEqual(["2:11", "3:15"]);
    expect(r.warnings[0]?.message).toMatch(
      /^\/usr\/lib\/jvm\/java-17-openjdk-\$\(dpkg --print-architecture\) is Debian's JDK directory; .*; with openjdk17, \/usr\/lib\/jvm\/java-17-openjdk$/,
    );
    expect(r.warnings[1]?.message).toMatch(/; with openjdk8, \/usr\/lib\/jvm\/java-1\.8-openjdk$/);
  });

  it("reads every spelling of the suffix, and not Alpine's directory or other words", () => {
    for (const path of [
      "/usr/lib/jvm/java-21-openjdk-$(dpkg --print-architecture)/bin",
      "/usr/lib/jvm/java-21-openjdk-$(apk --print-arch | sed -e 's/^x86_64$/amd64/')",
      "/usr/lib/jvm/java-21-openjdk-$dpkgArch",
      "/usr/lib/jvm/java-21-openjdk-${ARCH}/lib",
    ]) {
      expect(debianPathNote(`: ${path}`, "RUN", "3.24")?.note, path).toMatch(/JDK directory/);
    }
    for (const path of ["/usr/lib/jvm/java-21-openjdk/bin", "/usr/lib/jvm/java-21-openjdk-x"]) {
      expect(debianPathNote(`: ${path}`, "RUN", "3.24"), path).toBeUndefined();
    }
  });
});
