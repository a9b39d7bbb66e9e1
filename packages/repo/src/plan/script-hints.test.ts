import { afterEach, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

const DOCKERFILE = ["FROM debian:12", "COPY e.sh /e.sh", 'ENTRYPOINT ["/e.sh"]', ""].join("\n");

async function unparsable(files: Record<string, string>) {
  repo = await scratchRepo(files);
  const plan = await planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
  return plan.unparsable;
}

// A tester's migrate DIR on a CRLF entrypoint said to run "alpinize entrypoint again".
it("words a CRLF entrypoint's hint for migrate, naming the script", async () => {
  const [entry] = await unparsable({
    Dockerfile: DOCKERFILE,
    "e.sh": '#!/bin/sh\r\nuseradd app\r\nexec "$@"\r\n',
  });
  expect(entry).toMatchObject({ file: "e.sh" });
  expect(entry!.hint).toContain("dos2unix e.sh");
  expect(entry!.hint).toMatch(/then run alpinize migrate again\.$/);
  expect(entry!.hint).not.toContain("alpinize entrypoint");
});

it("keeps FILE in the hint for a path the shell would split", async () => {
  const [entry] = await unparsable({
    Dockerfile: ["FROM debian:12", 'COPY ["my e.sh", "/e.sh"]', 'ENTRYPOINT ["/e.sh"]', ""].join(
      "\n",
    ),
    "my e.sh": '#!/bin/sh\r\nuseradd app\r\nexec "$@"\r\n',
  });
  expect(entry).toMatchObject({ file: "my e.sh" });
  expect(entry!.hint).toContain("dos2unix FILE");
  expect(entry!.hint).toContain("run alpinize migrate again");
});
