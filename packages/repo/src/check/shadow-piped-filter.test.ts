import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const ALPINE = `FROM alpine:3.23@sha256:${"a".repeat(64)}`;

function shadowMessage(lines: string[]): string | undefined {
  const text = [ALPINE, ...lines, ""].join("\n");
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).find(
    (f) => f.rule === "shadow-user-commands",
  )?.message;
}

describe("shadow-user-commands: a call piped into a filter busybox goes on past", () => {
  it.each(["head -1", "tail -n 1", "sort", "wc -l", "tee /tmp/useradd.log"])(
    "useradd app | %s: the call fails, the build goes on, no user is made",
    (filter) => {
      const message = shadowMessage([`RUN useradd app | ${filter}`]);
      expect(message).toContain(
        `busybox has no useradd, so the call fails; piped into ${filter}, whose status the pipeline takes, the build goes on, but nothing the call was to do is done (a useradd makes no user`,
      );
      expect(message).not.toContain("the build fails here");
    },
  );

  it.each([
    ["no pipe", ["RUN useradd app"]],
    ["a filter that may fail", ["RUN useradd app | grep x"]],
    ["a filter before another command", ["RUN useradd app | head -1 | grep x"]],
    ["pipefail", ['SHELL ["/bin/ash", "-o", "pipefail", "-c"]', "RUN useradd app | head -1"]],
  ])("%s: the build fails here", (_name, lines) => {
    expect(shadowMessage(lines)).toContain("busybox has no useradd, so the build fails here");
  });
});
