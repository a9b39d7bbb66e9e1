import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { checkTargets } from "../check/run.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { applyPlan } from "./apply.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/** `migrate DIR --write`, then `check DIR` on what it wrote: the findings that stop the build. */
async function migrateThenCheck(dockerfile: string[]) {
  repo = await scratchRepo({ Dockerfile: [...dockerfile, ""].join("\n") });
  const plan = await planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
  const warned = plan.files.flatMap((f) => f.warnings.map((w) => w.line));
  await applyPlan(plan);
  const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
  const errors = result.findings
    .filter((f) => f.severity === "error")
    .map((f) => `${f.line}:${f.rule}`);
  return { after: plan.files[0]?.after ?? "", warned, errors };
}

describe("check on migrate's output keeps the steps migrate could only warn about", () => {
  it("reports each Debian step left in the Alpine stage, on the line migrate warned on", async () => {
    const { after, warned, errors } = await migrateThenCheck([
      "FROM debian:bookworm-slim",
      "RUN sed -i 's/deb.debian.org/mirror.example/' /etc/apt/sources.list.d/debian.sources",
      "RUN apt-get update && apt-get install -y --no-install-recommends nginx sudo python3 && rm -rf /var/lib/apt/lists/*",
      "RUN systemctl enable nginx",
      "RUN update-alternatives --install /usr/bin/python python /usr/bin/python3 1",
      "RUN useradd -m app && usermod -aG sudo app",
      'CMD ["nginx", "-g", "daemon off;"]',
    ]);
    expect(after.split("\n")[0]).toBe("FROM alpine:3.23");
    // Debian's sudo group is made first (Alpine has none), so the join itself builds; migrate
    // still warns that the group grants nothing by itself.
    expect(after).toMatch(/addgroup -S sudo[^\n]*addgroup app sudo/);
    expect(errors).toEqual(["2:apt-in-alpine", "4:init-system", "5:debian-program"]);
    for (const line of [2, 4, 5, 6]) expect(warned).toContain(line);
  });

  it("passes once those steps are written the Alpine way", async () => {
    const { errors } = await migrateThenCheck([
      "FROM debian:bookworm-slim",
      "RUN apt-get update && apt-get install -y --no-install-recommends nginx sudo python3 && rm -rf /var/lib/apt/lists/*",
      "RUN ln -sf /usr/bin/python3 /usr/bin/python",
      "RUN useradd -m app && usermod -aG wheel app",
      'CMD ["nginx", "-g", "daemon off;"]',
    ]);
    expect(errors).toEqual([]);
  });
});
