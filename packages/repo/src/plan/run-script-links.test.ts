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

const SETUP = "#!/bin/sh\nset -e\nuseradd -m bob\n";

async function dockerfilePlan(dockerfile: string) {
  repo = await scratchRepo({ Dockerfile: dockerfile, "scripts/setup.sh": SETUP });
  const plan = await planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
  return { plan, dockerfile: plan.files.find((f) => f.file === "Dockerfile")! };
}

describe("migrate DIR: a script a RUN runs out of a copied folder, through WORKDIR and cd", () => {
  it("gets shadow before that RUN, naming the script by its path in the repository", async () => {
    const { plan, dockerfile } = await dockerfilePlan(
      "FROM debian:12\nWORKDIR /app\nCOPY scripts/ scripts/\nRUN cd scripts && ./setup.sh\n",
    );
    expect(dockerfile.after).toMatch(/^FROM alpine:\S+\nRUN apk add --no-cache shadow\n/);
    expect(dockerfile.warnings.find((w) => w.rule === "users")?.message).toMatch(
      /^scripts\/setup\.sh calls useradd/,
    );
    // Only ENTRYPOINT/CMD scripts are rewritten: this one keeps its useradd for shadow.
    const script = plan.files.find((f) => f.file === "scripts/setup.sh");
    expect(script?.after ?? SETUP).toContain("useradd -m bob");
    // Where the cd takes a variable, nothing is linked (no guess).
    await repo?.remove();
    const unknown = await dockerfilePlan(
      'FROM debian:12\nWORKDIR /app\nCOPY scripts/ scripts/\nRUN cd "$D" && ./setup.sh\n',
    );
    expect(unknown.dockerfile.after).not.toMatch(/shadow/);
  });
});
