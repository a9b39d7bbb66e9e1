import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "./plan.js";

const ADVICE = /scripts that call gosu need the same change \(alpinize entrypoint\)/;

/** apt's gosu becomes su-exec: migrate warns that scripts calling gosu need the same change. */
function dockerfile(copies: string): string {
  return [
    "FROM debian:bookworm-slim",
    "RUN apt-get update && apt-get install -y --no-install-recommends gosu && rm -rf /var/lib/apt/lists/*",
    copies,
    'ENTRYPOINT ["/entrypoint.sh"]',
    "",
  ].join("\n");
}

const CALLS_GOSU = '#!/bin/sh\nset -e\nexec gosu app /usr/local/bin/app "$@"\n';

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function gosuWarnings(files: Record<string, string>): Promise<string[]> {
  repo = await scratchRepo(files);
  const plan = await planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
  const file = plan.files.find((f) => f.file === "Dockerfile");
  return (file?.warnings ?? []).filter((w) => w.rule === "tini-gosu").map((w) => w.message);
}

describe("migrate DIR: the advice to change scripts that call gosu", () => {
  it("is left out when the run rewrote every script that calls gosu", async () => {
    const warnings = await gosuWarnings({
      Dockerfile: dockerfile("COPY entrypoint.sh /entrypoint.sh"),
      "entrypoint.sh": CALLS_GOSU,
    });
    expect(warnings).toContainEqual(expect.stringMatching(/^gosu replaced by su-exec/));
    expect(warnings.filter((m) => ADVICE.test(m))).toEqual([]);
  });

  it("stays when a script the image copies calls gosu and was not rewritten", async () => {
    const warnings = await gosuWarnings({
      Dockerfile: dockerfile(
        "COPY entrypoint.sh /entrypoint.sh\nCOPY helper.sh /usr/local/bin/helper.sh",
      ),
      "entrypoint.sh": '#!/bin/sh\nexec "$@"\n',
      "helper.sh": CALLS_GOSU,
    });
    expect(warnings).toContainEqual(expect.stringMatching(ADVICE));
  });

  it("has no Dockerfile to go on when the script it runs could not be parsed (both left unchanged)", async () => {
    repo = await scratchRepo({
      Dockerfile: dockerfile("COPY entrypoint.sh /entrypoint.sh"),
      "entrypoint.sh": '#!/bin/sh\necho "unclosed\nexec gosu app app\n',
    });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    expect(plan.files.map((f) => f.file)).toEqual([]);
    expect(plan.unparsable.map((u) => [u.file, u.code])).toEqual([
      ["entrypoint.sh", "ALPINIZE_SCRIPT_SYNTAX"],
      ["Dockerfile", "ALPINIZE_REPO_HELD"],
    ]);
  });
});
