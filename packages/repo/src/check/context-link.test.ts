import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const SECRET = "#!/bin/bash\necho TOPSECRET\n";

let repo: ScratchRepo | undefined;
let outside: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  await outside?.remove();
  repo = outside = undefined;
});

/**
 * Checks `repo/` holding the Dockerfile: `run.sh` links to a file outside the repository, `ext`
 * to a folder outside, `in.sh` to a file inside.
 */
async function checkWithLinks(lines: string[], from = `FROM alpine:3.23@${DIGEST}`) {
  outside = await scratchRepo({ "run.sh": SECRET, "tools/setup.sh": SECRET });
  repo = await scratchRepo({
    Dockerfile: [from, ...lines, ""].join("\n"),
    "lib/inside.sh": "#!/bin/sh\necho inside\n",
  });
  await symlink(join(outside.root, "run.sh"), join(repo.root, "run.sh"));
  await symlink(join(outside.root, "tools"), join(repo.root, "ext"));
  await symlink("lib/inside.sh", join(repo.root, "in.sh"));
  return checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
}

type Result = Awaited<ReturnType<typeof checkWithLinks>>;
const linked = (r: Result) =>
  r.findings
    .filter((f) => f.rule === "context-link")
    .map((f) => `${f.line} ${f.severity} ${f.message.split(",")[0]}`);

describe("context-link: a script an Alpine image runs whose COPY source links out of the context", () => {
  it("a RUN's script: its own link, a folder link on the way, a file of a copied folder", async () => {
    const r = await checkWithLinks([
      "COPY run.sh /usr/local/bin/",
      "COPY ext/setup.sh /setup.sh",
      "COPY . /app",
      "RUN run.sh && /setup.sh && /app/ext/setup.sh",
    ]);
    expect(linked(r)).toEqual(["2 error run.sh", "3 error ext/setup.sh", "4 error ext/setup.sh"]);
    const message = r.findings.find((f) => f.rule === "context-link")!.message;
    expect(message).toMatch(
      /^run\.sh, which the RUN on line 5 runs \(as \/usr\/local\/bin\/run\.sh\) in stage 0, leads outside the build context through a link .*did not read it.*put the real file in the build context in place of the link$/,
    );
    // Named, the build stops at the COPY; in a copied folder, the image gets the link.
    const [, viaFolder, inFolder] = r.findings.filter((f) => f.rule === "context-link");
    expect(viaFolder!.message).toMatch(/docker build stops at this COPY/);
    expect(inFolder!.message).toMatch(/with its folder .* the image gets a dangling link/);
    const all = JSON.stringify(r);
    expect(all).not.toMatch(/TOPSECRET|bash-missing/);
    expect(all).not.toContain(outside!.root);
  });

  it("an ENTRYPOINT or CMD script: a finding, not a file skipped as a link", async () => {
    const r = await checkWithLinks([
      "COPY run.sh /entry.sh",
      "COPY ext/ /opt/",
      'ENTRYPOINT ["/entry.sh"]',
      'CMD ["/opt/setup.sh"]',
    ]);
    expect(linked(r)).toEqual(["2 error run.sh", "3 error ext/setup.sh"]);
    expect(r.unparsable.map((u) => u.file)).toEqual([]);
  });

  it("a script of a copied folder ENTRYPOINT/CMD runs: its own link or a folder's, not skipped", async () => {
    const r = await checkWithLinks([
      "COPY . /app",
      'ENTRYPOINT ["/app/ext/setup.sh"]',
      'CMD ["/app/run.sh"]',
    ]);
    expect(linked(r)).toEqual(["2 error ext/setup.sh", "2 error run.sh"]);
    expect(r.unparsable).toEqual([]);
    // ext is the folder link out: named, and the fix is the real folder in its place.
    for (const f of r.findings.filter((f) => f.rule === "context-link"))
      expect(f.message).toMatch(
        /brings it in with its folder and Docker copies the link itself, so the image gets a dangling link: put the real (file|folder)/,
      );
    expect(r.findings.find((f) => f.message.startsWith("ext/setup.sh"))!.message).toContain(
      "is under ext, a folder link that leads outside the build context",
    );
    expect(JSON.stringify(r)).not.toMatch(/TOPSECRET|symbolic link|the link points to/);
  });

  it("an ENTRYPOINT or CMD a stage inherits from a linked-out COPY of the stage it builds on", async () => {
    const r = await checkWithLinks(
      [
        "COPY run.sh /entry.sh",
        "COPY . /app",
        "COPY ext/ /opt/",
        "FROM base AS final",
        'ENTRYPOINT ["/entry.sh"]',
        'CMD ["/app/run.sh"]',
        "FROM base",
        'CMD ["/opt/setup.sh"]',
      ],
      `FROM alpine:3.23@${DIGEST} AS base`,
    );
    expect(linked(r)).toEqual(["2 error run.sh", "3 error run.sh", "4 error ext/setup.sh"]);
    const messages = r.findings.filter((f) => f.rule === "context-link").map((f) => f.message);
    expect(messages[0]).toMatch(
      /^run\.sh, which ENTRYPOINT runs \(as \/entry\.sh\) in stage final, .*docker build stops at this COPY/,
    );
    expect(messages[1]).toMatch(/as \/app\/run\.sh\) in stage final, .*dangling link/);
    expect(messages[2]).toMatch(
      /as \/opt\/setup\.sh\) in stage 2, .*docker build stops at this COPY/,
    );
    expect(r.unparsable).toEqual([]);
  });

  it("not a link inside the context, nor a stage not on Alpine", async () => {
    const inside = await checkWithLinks(["COPY in.sh /usr/local/bin/", "RUN in.sh"]);
    expect(linked(inside)).toEqual([]);
    const debian = await checkWithLinks(["COPY run.sh /r.sh", "RUN /r.sh"], "FROM debian:12");
    expect(linked(debian)).toEqual([]);
  });
});
