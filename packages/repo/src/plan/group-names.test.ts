import { afterEach, expect, it } from "vitest";
import { planDefault } from "../../test/run-defaults.js";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

it("a group name the rewrite leaves is one warning, the rewrite's, not also the lint's", async () => {
  repo = await scratchRepo({
    Dockerfile: ["FROM debian:12", "COPY e.sh /e.sh", 'ENTRYPOINT ["/e.sh"]', ""].join("\n"),
    "e.sh": ["#!/bin/sh", "groupadd -g 999 docker", "getent group docker", 'exec "$@"', ""].join(
      "\n",
    ),
  });
  const plan = await planDefault(repo.root, { release: "3.23" });
  const script = plan.files.find((f) => f.file === "e.sh")!;
  const named = script.warnings.filter((w) => w.rule === "group-name");
  expect(named).toEqual([expect.objectContaining({ line: 3, column: 14, severity: "warning" })]);
  expect(named[0]!.message).toContain("alpinize_ensure_group reuses it");
});

it("a group name on a line the rewrite changed is one warning, at the rewrite's place", async () => {
  repo = await scratchRepo({
    Dockerfile: ["FROM debian:12", "COPY e.sh /e.sh", 'ENTRYPOINT ["/e.sh"]', ""].join("\n"),
    "e.sh": [
      "#!/bin/sh",
      'groupadd -g "$PGID" docker',
      "chgrp docker /a; getent group docker",
      'exec "$@"',
      "",
    ].join("\n"),
  });
  const plan = await planDefault(repo.root, { release: "3.23" });
  const script = plan.files.find((f) => f.file === "e.sh")!;
  const named = script.warnings.filter((w) => w.rule === "group-name");
  expect(named).toEqual([expect.objectContaining({ line: 3, column: 31 })]);
  expect(named[0]!.message).toContain("alpinize_ensure_group reuses it");
});
