import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const DIGEST = `sha256:${"a".repeat(64)}`;

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
});
