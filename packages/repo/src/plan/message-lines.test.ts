import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { messageOnOutput } from "./message-lines.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

// A tester's two-stage Dockerfile: after --write the warnings pointed at the right lines, but
// their words still named the RUN by its line in the file as given ("the RUN on line 7").
const TWO_STAGES = [
  "FROM debian:12 AS a",
  "ARG DEBIAN_FRONTEND=noninteractive",
  "RUN apt-get update \\",
  " && apt-get install -y --no-install-recommends curl \\",
  " && rm -rf /var/lib/apt/lists/*",
  "COPY missing.sh /m.sh",
  "RUN /m.sh",
  "FROM debian:12",
  "COPY dir1/x.sh /x.sh",
  "RUN /x.sh",
  "",
].join("\n");

it("names the lines its own warnings' words name where they are in the file --write leaves", async () => {
  repo = await scratchRepo({ Dockerfile: TWO_STAGES });
  await symlink("dir2", join(repo.root, "dir1"));
  await symlink("dir1", join(repo.root, "dir2"));
  const plan = await planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
  const file = plan.files.find((f) => f.file === "Dockerfile")!;
  const out = file.after.split("\n");
  const own = file.warnings.filter((w) => w.rule === "script-not-found" || w.rule === "context");
  expect(own.map((w) => [w.rule, w.line, w.outputLine])).toEqual([
    ["script-not-found", 6, 3],
    ["context", 9, 6],
  ]);
  expect(own[0]!.message).toContain("which the RUN on line 7 runs");
  expect(own[0]!.outputMessage).toContain("which the RUN on line 4 runs");
  expect(out[3]).toBe("RUN /m.sh");
  expect(own[1]!.outputMessage).toContain("which the RUN on line 7 runs");
  expect(out[6]).toBe("RUN /x.sh");
  // The rest of the words are the same.
  expect(own[0]!.outputMessage!.replace("line 4", "line 7")).toBe(own[0]!.message);
});

it("moves an instruction's line and a bare (line N), never a script's line", () => {
  const plus = (n: number) => n + 10;
  expect(messageOnOutput("x, which the RUN on line 7 runs", plus)).toBe(
    "x, which the RUN on line 17 runs",
  );
  expect(messageOnOutput("USER app of stage a (line 4) reads ENV on line 5", plus)).toBe(
    "USER app of stage a (line 14) reads ENV on line 15",
  );
  expect(messageOnOutput("echo -e (line 3 of e.sh, e.sh in the build context)", plus)).toBe(
    "echo -e (line 3 of e.sh, e.sh in the build context)",
  );
  expect(messageOnOutput("missing.sh on line 3 of the script", plus)).toBe(
    "missing.sh on line 3 of the script",
  );
});
