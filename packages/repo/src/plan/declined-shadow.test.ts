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

describe("a declined usermod or groupmod", () => {
  it("gets one warning per line: the rewrite's, not the lint's shadow-tool as well", async () => {
    repo = await scratchRepo({
      Dockerfile: 'FROM debian:bookworm-slim\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n',
      "entry.sh": [
        "#!/bin/sh",
        'groupmod -o -g "$PGID" app',
        'usermod -o -u "$PUID" app',
        "chsh -s /bin/sh app",
        "",
      ].join("\n"),
    });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    const script = plan.files.find((f) => f.file === "entry.sh");
    expect(script?.warnings.map((w) => `${w.line}:${w.rule}`)).toEqual([
      "2:groupmod",
      "3:usermod",
      "4:shadow-tool",
    ]);
  });
});
