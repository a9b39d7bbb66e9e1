import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const ALPINE = `FROM alpine:3.23@sha256:${"a".repeat(64)}`;

/** `line rule severity` of each shadow-user-commands or unknown-user finding of the file. */
function findings(run: string): string[] {
  const text = [ALPINE, run, "USER app", ""].join("\n");
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "unknown-user" || f.rule === "shadow-user-commands")
    .map((f) => `${f.line} ${f.rule} ${f.severity}`);
}

describe("unknown-user: a useradd that surely fails makes no user", () => {
  // busybox has no useradd: whatever lets the build go on past it, app is never made.
  it.each([
    "RUN useradd app | cat",
    "RUN useradd app || true",
    "RUN useradd app | true",
    "RUN useradd app | tee /dev/null",
    "RUN if useradd app; then echo made; fi",
  ])("%s then USER app is an error at USER", (run) => {
    expect(findings(run)).toEqual(["2 shadow-user-commands warning", "3 unknown-user error"]);
  });

  it("an unguarded useradd is its own error, and USER after it too", () => {
    expect(findings("RUN useradd app")).toEqual([
      "2 shadow-user-commands error",
      "3 unknown-user error",
    ]);
  });

  it.each([
    "RUN apk add --no-cache shadow && useradd app | cat",
    "RUN apk add --no-cache shadow\nRUN useradd app || true",
    "RUN adduser -D app",
    "RUN adduser -D app | cat",
  ])("%s makes app: no unknown-user", (run) => {
    expect(findings(run)).toEqual([]);
  });

  it("a useradd where a branch may have installed shadow still counts as making the user", () => {
    const found = findings(
      "RUN if [ -f /x ]; then apk add --no-cache shadow; fi; useradd app | cat",
    );
    expect(found.filter((f) => f.includes("unknown-user"))).toEqual([]);
  });
});
