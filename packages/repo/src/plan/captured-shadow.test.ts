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

// The entrypoint lint reports a captured call under shadow-tool with a reason of its own: the
// rule id and the tool at the message's start are what migrate installs shadow by.
const SCRIPT = "#!/bin/sh\nset -e\nx=$(groupadd -g 1016 g)\n";

async function plan(from: string) {
  repo = await scratchRepo({
    Dockerfile: `FROM ${from}\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n`,
    "entry.sh": SCRIPT,
  });
  return planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
}

describe("a groupadd whose output the entrypoint captures", () => {
  it("gets shadow installed in an image migrate moves to Alpine, and no finding left", async () => {
    const result = await plan("debian:bookworm-slim");
    const dockerfile = result.files.find((f) => f.file === "Dockerfile");
    expect(dockerfile?.after).toContain("RUN apk add --no-cache shadow\n");
    expect(dockerfile?.warnings.find((w) => w.rule === "shadow")?.message).toContain(
      "groupadd (entry.sh:3) stays as written",
    );
    const script = result.files.find((f) => f.file === "entry.sh");
    expect(script?.warnings.filter((w) => w.rule === "shadow-tool")).toEqual([]);
  });

  it("keeps the finding, with the reason it is left, where nothing installs shadow", async () => {
    const script = (await plan("alpine:3.23")).files.find((f) => f.file === "entry.sh");
    const found = script?.warnings.filter((w) => w.rule === "shadow-tool") ?? [];
    expect(found.map((w) => `${w.line}:${w.column}`)).toEqual(["3:5"]);
    expect(found[0]?.message).toContain("leaves this call as written");
  });
});
