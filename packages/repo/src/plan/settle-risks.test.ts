import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { renderReport } from "../report/markdown.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

const plan = async (files: Record<string, string>, release: string) => {
  repo = await scratchRepo(files);
  return planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release,
  });
};

const USERS = [
  "FROM debian:bookworm-slim",
  "RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*",
  "RUN groupadd -g 1000 app && useradd -u 1000 -g 1000 -m app \\",
  " && groupadd -g 999 docker && usermod -aG docker app \\",
  " && groupadd -g 101 metrics && useradd -u 101 -g metrics -M metrics",
  "RUN useradd --no-log-init -r -u 999 -U spring",
  "",
].join("\n");

describe("the risks of a migration plan follow what migrate wrote", () => {
  it("lists the IDs still taken in the migrated Dockerfile (nginx's GID 101), not those migrate freed (GID 999)", async () => {
    const { risks } = await plan({ Dockerfile: USERS }, "3.24");
    const ids = risks.find((r) => r.id === "id-collision");
    expect(ids?.evidence.map((e) => e.line)).toEqual([5]);
    expect(ids?.evidence[0]?.text).toMatch(/GID 101 already belongs to group nginx/);
    expect(ids?.advice).toMatch(/still at risk in the migrated files/);
  });

  it("has no ID risk once migrate freed every ID the file asks for", async () => {
    const freed = [
      "FROM debian:bookworm-slim",
      "RUN groupadd -g 1000 app && useradd -u 1000 -g 1000 -m app \\",
      " && groupadd -g 999 docker && usermod -aG docker app",
      "",
    ].join("\n");
    const { risks } = await plan({ Dockerfile: freed }, "3.24");
    expect(risks.map((r) => r.id)).not.toContain("id-collision");
  });

  const GOSU = {
    Dockerfile: [
      "FROM debian:bookworm-slim",
      "RUN apt-get update && apt-get install -y gosu && rm -rf /var/lib/apt/lists/*",
      "RUN useradd -r worker",
      "COPY entrypoint.sh /entrypoint.sh",
      'ENTRYPOINT ["/entrypoint.sh"]',
      "",
    ].join("\n"),
    "entrypoint.sh": '#!/bin/sh\nset -e\nexec gosu worker "$@"\n',
  };

  it("says gosu became su-exec where it did (3.24), and alpinize_exec_as where that was written (3.22)", async () => {
    const advice = async (release: string) =>
      (await plan(GOSU, release)).risks.find((r) => r.id === "privilege-drop")?.advice ?? "";
    const on324 = await advice("3.24");
    expect(on324).toMatch(/wrote `su-exec` in place of gosu in `Dockerfile`, `entrypoint.sh`/);
    expect(on324).not.toMatch(/alpinize_exec_as/);
    await repo?.remove();
    const on322 = await advice("3.22");
    expect(on322).toMatch(/wrote `alpinize_exec_as` in `entrypoint.sh`/);
    expect(on322).toMatch(/su-exec 0\.2\) an unknown user name runs the command as root/);
  });

  it("says su-exec was added, not written in place of gosu, in a Dockerfile that never had gosu", async () => {
    const files = {
      Dockerfile: [
        "FROM debian:bookworm-slim",
        "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*",
        "RUN useradd -r worker",
        "COPY entrypoint.sh /entrypoint.sh",
        'ENTRYPOINT ["/entrypoint.sh"]',
        "",
      ].join("\n"),
      "entrypoint.sh": GOSU["entrypoint.sh"],
    };
    const { files: planned, risks } = await plan(files, "3.24");
    expect(planned.find((f) => f.file === "Dockerfile")?.after).toMatch(/apk add .*su-exec/);
    const advice = risks.find((r) => r.id === "privilege-drop")?.advice ?? "";
    expect(advice).not.toMatch(/in place of gosu in `Dockerfile`/);
    expect(advice).toMatch(
      /added `su-exec` to the `apk add` of `Dockerfile`, so that `alpinize_exec_as` finds/,
    );
    expect(advice).toMatch(/wrote `alpinize_exec_as` in `entrypoint.sh`/);
  });

  // MIGRATION.md quoted `gosu nobody true` at Dockerfile:4 while the file there said su-exec.
  it("marks evidence whose line the migration rewrote: the report says was: before the old text", async () => {
    const files = {
      Dockerfile: [
        "FROM debian:bookworm-slim",
        "RUN apt-get update && apt-get install -y gosu bash && rm -rf /var/lib/apt/lists/*",
        "RUN set -eux; \\",
        "    gosu nobody true; \\",
        "    bash -c 'echo x'",
        "",
      ].join("\n"),
    };
    const p = await plan(files, "3.24");
    expect(p.files.find((f) => f.file === "Dockerfile")?.after).toContain("su-exec nobody true");
    const drop = p.risks.find((r) => r.id === "privilege-drop")?.evidence ?? [];
    expect(drop).toEqual([expect.objectContaining({ line: 4, rewritten: true })]);
    const shells = p.risks.find((r) => r.id === "shells")?.evidence ?? [];
    expect(shells.find((e) => e.line === 5)?.rewritten).toBeUndefined();
    const report = renderReport(p);
    expect(report).toContain("- `Dockerfile:4` was: `gosu nobody true; \\`");
    expect(report).toContain("- `Dockerfile:5` `bash -c 'echo x'`");
  });
});
