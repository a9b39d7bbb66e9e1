import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { planDefault } from "../../test/run-defaults.js";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { messageOnOutput } from "./message-lines.js";

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
  const plan = await planDefault(repo.root, { release: "3.23" });
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

const plan = (root: string) => planDefault(root, { release: "3.23" });

it("moves the lines the Dockerfile transform's words name", async () => {
  repo = await scratchRepo({
    Dockerfile: [
      "FROM debian:12",
      "RUN apt-get update \\",
      " && apt-get install -y --no-install-recommends curl \\",
      " && rm -rf /var/lib/apt/lists/*",
      "RUN useradd -m app && usermod -l web app",
      "RUN chown app /srv",
      "",
    ].join("\n"),
  });
  const file = (await plan(repo.root)).files.find((f) => f.file === "Dockerfile")!;
  const out = file.after.split("\n");
  const renamed = file.warnings.find((w) => w.message.startsWith("usermod -l on line"))!;
  expect(renamed.message).toContain("usermod -l on line 5 renamed user app");
  const usermodAt = out.findIndex((l) => l.includes("usermod -l web app")) + 1;
  expect(usermodAt).toBe(3);
  expect(renamed.outputMessage).toContain("usermod -l on line 3 renamed user app");
  expect(out[renamed.outputLine! - 1]).toBe("RUN chown app /srv");
});

it("moves the line of a rewritten script a Dockerfile warning names (SCRIPT:N)", async () => {
  repo = await scratchRepo({
    Dockerfile: 'FROM debian:12\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
    "e.sh": ["#!/bin/sh", "groupadd -g 1500 docker", "usermod -d /srv app", 'exec "$@"', ""].join(
      "\n",
    ),
  });
  const files = (await plan(repo.root)).files;
  const shadow = files
    .find((f) => f.file === "Dockerfile")!
    .warnings.find((w) => w.rule === "shadow")!;
  expect(shadow.message).toContain("usermod (e.sh:3)");
  const script = files.find((f) => f.file === "e.sh")!;
  const written = script.after.split("\n").indexOf("usermod -d /srv app") + 1;
  expect(written).toBeGreaterThan(100);
  expect(shadow.outputMessage).toContain(`usermod (e.sh:${written})`);
});

it("moves any Dockerfile line a message names, and only lines of scripts it knows", () => {
  const plus = (n: number) => n + 10;
  expect(messageOnOutput("usermod -l on line 5 renamed user app", plus)).toBe(
    "usermod -l on line 15 renamed user app",
  );
  expect(messageOnOutput("its line 3 copies a C++ build (copied at line 2)", plus)).toBe(
    "its line 13 copies a C++ build (copied at line 12)",
  );
  const scripts = new Map([["e.sh", (n: number) => n + 100]]);
  expect(messageOnOutput("usermod (e.sh:3), passwd (other.sh:4)", plus, scripts)).toBe(
    "usermod (e.sh:103), passwd (other.sh:4)",
  );
});

it("leaves a line number inside the user's quoted text as written", () => {
  const down = (line: number) => line - 1;
  expect(
    messageOnOutput(
      'package list "$PKGS line 3" is not a literal alpinize can map; see line 3',
      down,
    ),
  ).toBe('package list "$PKGS line 3" is not a literal alpinize can map; see line 2');
  const scripts = new Map([["e.sh", (line: number) => line + 10]]);
  expect(messageOnOutput('usermod (e.sh:4) stays; "x e.sh:4"', down, scripts)).toBe(
    'usermod (e.sh:14) stays; "x e.sh:4"',
  );
});

it("migrate DIR --write keeps a line number the user wrote in a package list", async () => {
  repo = await scratchRepo({
    Dockerfile: [
      "FROM debian:12",
      "RUN apt-get update",
      'RUN apt-get update && apt-get install -y "$PKGS line 3"',
      "",
    ].join("\n"),
  });
  const plan = await planDefault(repo.root, { release: "3.23" });
  const file = plan.files.find((f) => f.file === "Dockerfile")!;
  const apt = file.warnings.find((w) => w.message.includes("$PKGS"))!;
  expect(apt.outputLine).toBe(2);
  expect(apt.outputMessage ?? apt.message).toContain('"$PKGS line 3"');
});
