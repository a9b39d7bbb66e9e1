import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const DIGEST = `sha256:${"a".repeat(64)}`;

function findings(text: string) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
    (f) => f.rule === "apt-in-alpine",
  );
}

function errors(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.severity === "error")
    .map((f) => `${f.line}:${f.rule}`);
}

describe("vendor apt setup scripts left in Alpine stages", () => {
  it("are apt-in-alpine findings (the script runs apt-get)", () => {
    const text = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN apk add --no-cache curl bash",
      "RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - \\",
      "    && apk add --no-cache nodejs",
      "RUN wget -qO- https://deb.nodesource.com/setup_22.x | sudo -E bash -",
      "",
    ].join("\n");
    expect(errors(text)).toEqual(["3:apt-in-alpine", "5:apt-in-alpine"]);
  });

  it("leave downloads that are not run, and Debian stages, alone", () => {
    const alpine = `FROM alpine:3.23@${DIGEST}\nRUN curl -fsSLo setup.sh https://deb.nodesource.com/setup_20.x\n`;
    expect(errors(alpine)).toEqual([]);
    const debian =
      "FROM debian:12\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -\n";
    expect(errors(debian).filter((e) => e.endsWith("apt-in-alpine"))).toEqual([]);
  });

  it("are found when the script is saved to a file and run, on the line that runs it", () => {
    const text = [
      `FROM alpine:3.24@${DIGEST}`,
      "RUN apk add --no-cache curl bash && curl -fsSL https://deb.nodesource.com/setup_lts.x -o /tmp/s.sh && bash /tmp/s.sh",
      "RUN wget -O /tmp/s.sh https://deb.nodesource.com/setup_20.x; sh /tmp/s.sh",
      "RUN curl -fsSLo get-docker.sh https://get.docker.com \\",
      "    && chmod +x get-docker.sh \\",
      "    && ./get-docker.sh",
      "RUN wget https://deb.nodesource.com/setup_20.x && bash setup_20.x",
      "",
    ].join("\n");
    expect(errors(text)).toEqual([
      "2:apt-in-alpine",
      "3:apt-in-alpine",
      "6:apt-in-alpine",
      "7:apt-in-alpine",
    ]);
  });

  it("know Docker's convenience script, and say to install docker-cli from Alpine", () => {
    const text = [
      `FROM alpine:3.24@${DIGEST}`,
      "RUN apk add --no-cache curl",
      "RUN curl -fsSL https://get.docker.com | sh",
      'RUN sh -c "$(curl -fsSL https://get.docker.com)"',
      "RUN apk add --no-cache bash && bash <(curl -fsSL https://test.docker.com)",
      "",
    ].join("\n");
    const found = findings(text);
    expect(found.map((f) => `${f.line}:${f.severity}`)).toEqual(["3:error", "4:error", "5:error"]);
    expect(found[0]?.message).toMatch(
      /Docker's convenience script \(get\.docker\.com\) in Alpine stage 0: .*Unsupported distribution 'alpine'.*apk add docker-cli/,
    );
  });

  it("are a warning when the call is guarded", () => {
    const text = `FROM alpine:3.24@${DIGEST}\nRUN curl -fsSL https://get.docker.com | sh || true\n`;
    expect(findings(text).map((f) => `${f.line}:${f.severity}`)).toEqual(["2:warning"]);
  });

  it("leave a download run as something else, and Docker's rootless script, alone", () => {
    const text = [
      `FROM alpine:3.24@${DIGEST}`,
      "RUN curl -fsSLo /tmp/s.sh https://get.docker.com && sh /tmp/other.sh",
      "RUN curl -fsSL https://get.docker.com/rootless | sh",
      "RUN curl -fsSL https://get.docker.com | tee /tmp/get-docker.sh",
      "",
    ].join("\n");
    expect(findings(text)).toEqual([]);
  });
});
