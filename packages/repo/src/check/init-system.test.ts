import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function initFindings(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "init-system")
    .map((f) => `${f.line}:${f.severity}:${f.message.split(":")[0]}`);
}

describe("init-system", () => {
  it("reports systemd and SysV service tools in an Alpine stage's RUN, with the fix", () => {
    const text = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN apk add --no-cache nginx",
      "RUN systemctl enable nginx",
      "RUN service nginx start && update-rc.d nginx defaults",
      "RUN sudo invoke-rc.d nginx restart",
      "RUN rc-update add nginx default",
      "",
    ].join("\n");
    expect(initFindings(text)).toEqual([
      "3:error:systemctl enable nginx in Alpine stage 0",
      "4:error:service nginx start in Alpine stage 0",
      "4:error:update-rc.d nginx defaults in Alpine stage 0",
      "5:error:invoke-rc.d nginx restart in Alpine stage 0",
      "6:error:rc-update add nginx in Alpine stage 0",
    ]);
    const [first] = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
      (f) => f.rule === "init-system",
    );
    expect(first?.message).toMatch(/Alpine has no systemd, so the build fails here; drop the step/);
    expect(first?.message).toMatch(/from CMD or ENTRYPOINT .*supervisor.*apk add openrc/);
  });

  it("leaves OpenRC's tools alone once openrc is installed, but not systemctl", () => {
    const text = [
      `FROM alpine:3.23@${DIGEST} AS base`,
      "RUN apk add --no-cache nginx nginx-openrc",
      "FROM base",
      "RUN rc-update add nginx default && service nginx status; systemctl enable nginx",
      "",
    ].join("\n");
    expect(initFindings(text)).toEqual(["4:error:systemctl enable nginx in Alpine stage 1"]);
  });

  it("leaves echoed or commented calls, and Debian stages, alone", () => {
    const alpine = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN echo 'run systemctl enable nginx on the host' > /README",
      "RUN true # service nginx start",
      "",
    ].join("\n");
    expect(initFindings(alpine)).toEqual([]);
    expect(
      initFindings("FROM debian:12\nRUN systemctl enable nginx && update-rc.d x defaults\n"),
    ).toEqual([]);
  });
});
