import { REDIS_ENTRYPOINT as ENTRYPOINT } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { planDefault, scratchRepoPerTest } from "../../test/run-defaults.js";

// redis's pattern (the tester's dir16): gosu from apt, and an 8-line entrypoint whose only
// user handling is `exec gosu redis "$@"`.
const DOCKERFILE = [
  "FROM debian:bookworm-slim",
  "RUN groupadd -r redis --gid=999 && useradd -r -g redis --uid=999 redis",
  "RUN set -eux; \\",
  "\tapt-get update; \\",
  "\tapt-get install -y --no-install-recommends gosu tini; \\",
  "\trm -rf /var/lib/apt/lists/*; \\",
  "\tgosu nobody true",
  "COPY docker-entrypoint.sh /usr/local/bin/",
  'ENTRYPOINT ["/usr/bin/tini", "--", "docker-entrypoint.sh"]',
  'CMD ["redis-server"]',
  "",
].join("\n");

const scratch = scratchRepoPerTest();

async function planned(files: Record<string, string>, release?: string) {
  const repo = await scratch.make(files);
  const plan = await planDefault(repo.root, release ? { release } : {});
  const file = (name: string) => plan.files.find((f) => f.file === name);
  return { dockerfile: file("Dockerfile"), script: file("docker-entrypoint.sh") };
}

describe("migrate DIR on a gosu entrypoint whose image gets su-exec", () => {
  it("changes one word of the script on the default release (su-exec 0.3)", async () => {
    const { dockerfile, script } = await planned({
      Dockerfile: DOCKERFILE,
      "docker-entrypoint.sh": ENTRYPOINT,
    });
    expect(dockerfile?.after).toContain("apk add --no-cache su-exec tini");
    expect(script?.after).toBe(ENTRYPOINT.replace("exec gosu redis", "exec su-exec redis"));
    expect(script?.edits).toMatchObject([{ rule: "gosu-su-exec", line: 5 }]);
    expect(script?.warnings.map((w) => w.rule)).not.toContain("gosu");
  });

  it("inlines alpinize_exec_as alone for Alpine 3.22, whose su-exec runs an unknown user as root", async () => {
    const { script } = await planned(
      { Dockerfile: DOCKERFILE, "docker-entrypoint.sh": ENTRYPOINT },
      "3.22",
    );
    const after = script?.after ?? "";
    expect(after).toContain('{ alpinize_exec_as redis "$@" || exit; }');
    expect([...after.matchAll(/^(alpinize_\w+)\(\) \{/gm)].map((m) => m[1])).toEqual([
      "alpinize_exec_as",
    ]);
    expect(after.split("\n").length).toBeLessThan(200);
  });

  it("follows a stage's FROM chain to the release its base image names", async () => {
    const files = (base: string) => ({
      Dockerfile: [
        `FROM ${base} AS base`,
        "RUN apk add --no-cache su-exec",
        "FROM base",
        "COPY docker-entrypoint.sh /usr/local/bin/",
        'ENTRYPOINT ["docker-entrypoint.sh"]',
        "",
      ].join("\n"),
      "docker-entrypoint.sh": ENTRYPOINT,
    });
    // Already Alpine: the image has su-exec and no gosu, so its gosu call fails as written.
    const fixed = await planned(files("alpine:3.23"));
    expect(fixed.script?.after).toContain('exec su-exec redis "$@"');
    // Alpine 3.20 (su-exec 0.2, a release alpinize has no data for) is left as it was.
    const old = await planned(files("alpine:3.20"));
    expect(old.script?.after).toBe(ENTRYPOINT);
  });
});
