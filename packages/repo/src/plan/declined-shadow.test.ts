import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

const SCRIPT = [
  "#!/bin/sh",
  'groupmod -o -g "$PGID" app',
  'usermod -o -u "$PUID" app',
  "chsh -s /bin/sh app",
  "",
].join("\n");

async function plan(from: string, script = SCRIPT) {
  repo = await scratchRepo({
    Dockerfile: `FROM ${from}\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n`,
    "entry.sh": script,
  });
  return planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
}

describe("a declined usermod or groupmod", () => {
  it("gets one warning per line: the rewrite's, not the lint's shadow-tool as well", async () => {
    // Alpine already: migrate installs nothing there, so chsh keeps its shadow-tool finding.
    const script = (await plan("alpine:3.23")).files.find((f) => f.file === "entry.sh");
    expect(script?.warnings.map((w) => `${w.line}:${w.rule}`)).toEqual([
      "2:groupmod",
      "3:usermod",
      "4:shadow-tool",
    ]);
  });

  it("gets shadow installed in an image migrate moves to Alpine, naming all three calls", async () => {
    const result = await plan("debian:bookworm-slim");
    const script = result.files.find((f) => f.file === "entry.sh");
    expect(script?.warnings.map((w) => `${w.line}:${w.rule}`)).toEqual(["2:groupmod", "3:usermod"]);
    const dockerfile = result.files.find((f) => f.file === "Dockerfile");
    expect(dockerfile?.after).toContain("RUN apk add --no-cache shadow\n");
    expect(dockerfile?.warnings.find((w) => w.rule === "shadow")?.message).toContain(
      "groupmod (entry.sh:2), usermod (entry.sh:3), chsh (entry.sh:4) stay as written",
    );
  });
});

// The entrypoint lint reports a captured call under shadow-tool with a reason of its own: the
// rule id and the tool at the message's start are what migrate installs shadow by.
const CAPTURED = "#!/bin/sh\nset -e\nx=$(groupadd -g 1016 g)\n";

describe("a groupadd whose output the entrypoint captures", () => {
  it("gets shadow installed in an image migrate moves to Alpine, and no finding left", async () => {
    const result = await plan("debian:bookworm-slim", CAPTURED);
    const dockerfile = result.files.find((f) => f.file === "Dockerfile");
    expect(dockerfile?.after).toContain("RUN apk add --no-cache shadow\n");
    expect(dockerfile?.warnings.find((w) => w.rule === "shadow")?.message).toContain(
      "groupadd (entry.sh:3) stays as written",
    );
    const script = result.files.find((f) => f.file === "entry.sh");
    expect(script?.warnings.filter((w) => w.rule === "shadow-tool")).toEqual([]);
  });

  it("keeps the finding, with the reason it is left, where nothing installs shadow", async () => {
    const script = (await plan("alpine:3.23", CAPTURED)).files.find((f) => f.file === "entry.sh");
    const found = script?.warnings.filter((w) => w.rule === "shadow-tool") ?? [];
    expect(found.map((w) => `${w.line}:${w.column}`)).toEqual(["3:5"]);
    expect(found[0]?.message).toContain("leaves this call as written");
  });
});
