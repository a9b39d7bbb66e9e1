import { describe, expect, it } from "vitest";
import type { MigrateOptions } from "../src/index.js";
import { migrate } from "./helpers.js";

const APT_GOSU =
  "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gosu && rm -rf /var/lib/apt/lists/*\n";
const EP = '#!/bin/sh\nset -e\nexec gosu app "$@"\n';

function context(files: Record<string, string>): MigrateOptions["readContextFile"] {
  return (p) => files[p];
}

function run(tail: string, files: Record<string, string>, options: MigrateOptions = {}) {
  return migrate(`${APT_GOSU}${tail}`, { readContextFile: context(files), ...options });
}

const kept = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.message.startsWith("kept gosu"));

describe("rule 8: an apt gosu that a copied script calls", () => {
  const tail = 'COPY ep.sh /ep.sh\nENTRYPOINT ["/ep.sh"]\n';

  it("stays gosu (Alpine packages it) and says which line calls it", () => {
    const r = run(tail, { "ep.sh": EP });
    expect(r.output).toContain("RUN apk add --no-cache gosu\n");
    expect(r.output).not.toContain("su-exec");
    expect(kept(r)).toEqual([
      expect.objectContaining({
        rule: "tini-gosu",
        line: 2,
        message:
          "kept gosu: ep.sh:3 calls it; to switch to su-exec run alpinize migrate on the directory, which rewrites the script too",
      }),
    ]);
    expect(r.packages).toContainEqual(
      expect.objectContaining({ debian: "gosu", alpine: ["gosu"], written: ["gosu"] }),
    );
  });

  it("becomes su-exec where the release has no gosu, naming the call", () => {
    const r = run(tail, { "ep.sh": EP }, { release: "3.21" });
    expect(r.output).toContain("RUN apk add --no-cache su-exec\n");
    const w = r.warnings.find((x) => x.message.includes("ep.sh:3 calls gosu"));
    expect(w?.message).toMatch(/^Alpine 3\.21 has no gosu package, so gosu became su-exec/);
    expect(w?.line).toBe(2);
  });

  it("becomes su-exec when the caller migrates the scripts too (migrate DIR)", () => {
    const r = run(tail, { "ep.sh": EP }, { migratesScripts: true });
    expect(r.output).toContain("RUN apk add --no-cache su-exec\n");
    expect(kept(r)).toEqual([]);
  });

  it("becomes su-exec when no copied script calls gosu, or only probes for it", () => {
    const probe = '#!/bin/sh\nif command -v gosu >/dev/null; then echo has; fi\nexec "$@"\n';
    for (const script of ['#!/bin/sh\nexec "$@"\n', probe]) {
      const r = run(tail, { "ep.sh": script });
      expect(r.output).toContain("RUN apk add --no-cache su-exec\n");
    }
    // Without the build context (stdin) nothing is known about the scripts: as before.
    expect(migrate(`${APT_GOSU}${tail}`).output).toContain("su-exec");
  });

  it("finds `set -- gosu`, wrappers and a script started out of a copied folder", () => {
    const set = run(tail, {
      "ep.sh": '#!/bin/bash\nif [ "$1" = server ]; then\n  set -- gosu app "$@"\nfi\nexec "$@"\n',
    });
    expect(kept(set)[0]?.message).toContain("ep.sh:3 calls it");
    const env = run(tail, { "ep.sh": '#!/bin/sh\n\nexec env HOME=/app /usr/sbin/gosu app "$@"\n' });
    expect(kept(env)[0]?.message).toContain("ep.sh:3 calls it");
    const folder = run('COPY docker/ /usr/local/bin/\nENTRYPOINT ["entrypoint.sh"]\n', {
      "docker/entrypoint.sh": EP,
    });
    expect(kept(folder)[0]?.message).toContain("docker/entrypoint.sh:3 calls it");
  });

  it("leaves the Dockerfile's own gosu calls on the gosu it keeps", () => {
    const r = run('COPY ep.sh /ep.sh\nRUN gosu app true\nCMD ["gosu", "app", "/ep.sh"]\n', {
      "ep.sh": EP,
    });
    expect(r.output).toContain("RUN gosu app true\n");
    expect(r.output).toContain('CMD ["gosu", "app", "/ep.sh"]');
    expect(r.warnings.some((w) => /make sure the gosu binary/.test(w.message))).toBe(false);
  });
});
