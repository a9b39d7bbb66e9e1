import { GOSU_DOWNLOAD_LINES } from "@alpinize/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { checkTargets } from "../check/run.js";
import { parseConfigText } from "../config/load.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "./plan.js";

/** docker-library's gosu step: a RUN that only fetches, verifies and installs the release binary. */
const DOCKERFILE = [
  ...GOSU_DOWNLOAD_LINES,
  "COPY entrypoint.sh /entrypoint.sh",
  'ENTRYPOINT ["/entrypoint.sh"]',
  "",
].join("\n");

const ENTRYPOINT = '#!/bin/sh\nset -e\nexec gosu app /usr/local/bin/app "$@"\n';

/** The script's own lines: the inlined shim library (which names gosu as a fallback) cut out. */
function withoutShims(text: string): string {
  return text.replace(/# >>> alpinize shims [^\n]*\n[\s\S]*?# <<< alpinize shims <<<\n/, "");
}

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function plan(config = defaultConfig(), gosu?: "keep" | "su-exec", release = "3.23") {
  repo = await scratchRepo({ Dockerfile: DOCKERFILE, "entrypoint.sh": ENTRYPOINT });
  const result = await planRepository(repo.root, {
    config,
    transforms: defaultTransforms(),
    release,
    ...(gosu ? { gosu } : {}),
  });
  const file = (name: string) => result.files.find((f) => f.file === name);
  return { dockerfile: file("Dockerfile"), script: file("entrypoint.sh") };
}

describe("gosu release downloads (migrate.gosu, --gosu)", () => {
  it("keeps the download by default and says how to switch", async () => {
    const { dockerfile } = await plan();
    expect(dockerfile?.after).toContain('wget -O /usr/local/bin/gosu "https://github.com/');
    expect(dockerfile?.after).not.toContain("su-exec");
    expect(dockerfile?.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/gosu release download kept/),
    );
  });

  it('installs su-exec with "migrate": {"gosu": "su-exec"}, and the entrypoint\'s gosu becomes su-exec', async () => {
    const config = parseConfigText('{"migrate":{"gosu":"su-exec"}}', "alpinize.config.json");
    const { dockerfile, script } = await plan(config);
    expect(dockerfile?.after).toBe(
      'FROM alpine:3.23\nRUN apk add --no-cache su-exec\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n',
    );
    expect(dockerfile?.result?.packages).toContainEqual(
      expect.objectContaining({ debian: "gosu", written: ["su-exec"] }),
    );
    // Alpine 3.23's su-exec (0.3) refuses an unknown user as gosu does: one word changes.
    expect(script?.after).toBe('#!/bin/sh\nset -e\nexec su-exec app /usr/local/bin/app "$@"\n');
    expect(script?.edits?.map((e) => e.rule)).toEqual(["gosu-su-exec"]);
    expect(script?.warnings.filter((w) => w.rule === "gosu")).toEqual([]);
  });

  it("on Alpine 3.22 (su-exec 0.2 runs an unknown user as root) calls alpinize_exec_as, with only it inlined", async () => {
    const config = parseConfigText('{"migrate":{"gosu":"su-exec"}}', "alpinize.config.json");
    const { script } = await plan(config, undefined, "3.22");
    // The script no longer names gosu itself: the shim picks su-exec, which the image now has.
    expect(withoutShims(script?.after ?? "")).toBe(
      '#!/bin/sh\nset -e\n{ alpinize_exec_as app /usr/local/bin/app "$@" || exit; }\n',
    );
    expect(script?.after).toContain('exec su-exec "$_alpinize_x_spec" "$@"');
    expect(script?.after).not.toContain("alpinize_ensure_group");
    expect(script?.warnings.filter((w) => w.rule === "gosu")).toEqual([]);
  });

  it("lets the gosu option win over the config", async () => {
    const config = parseConfigText('{"migrate":{"gosu":"su-exec"}}', "alpinize.config.json");
    const { dockerfile } = await plan(config, "keep");
    expect(dockerfile?.after).toContain("wget -O /usr/local/bin/gosu");
    expect(dockerfile?.after).not.toContain("su-exec");
  });
});

describe("gosu USER:GROUP and numeric IDs in an entrypoint whose image gets su-exec", () => {
  const dockerfile = [
    "FROM debian:bookworm-slim",
    "RUN apt-get update && apt-get install -y --no-install-recommends gosu",
    "COPY entrypoint.sh /entrypoint.sh",
    'ENTRYPOINT ["/entrypoint.sh"]',
    "",
  ].join("\n");
  const entrypoint = [
    "#!/bin/sh",
    "set -e",
    "gosu app:app /usr/local/bin/migrate",
    'gosu 1000 /usr/local/bin/warm "$DATA"',
    'exec gosu "$PUID:$PGID" "$@"',
    "",
  ].join("\n");

  async function migrated(release: string) {
    await repo?.remove();
    repo = await scratchRepo({ Dockerfile: dockerfile, "entrypoint.sh": entrypoint });
    const before = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    // The Debian stage itself is flagged; its script is not linted until the stage is Alpine.
    expect(before.findings.map((f) => f.rule)).toContain("debian-base");
    const result = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release,
    });
    const file = (name: string) => result.files.find((f) => f.file === name);
    expect(file("Dockerfile")?.after).toContain("apk add --no-cache su-exec");
    await repo.write("Dockerfile", file("Dockerfile")!.after);
    await repo.write("entrypoint.sh", file("entrypoint.sh")!.after);
    const after = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    expect(after.files).toContain("entrypoint.sh");
    return { script: file("entrypoint.sh"), after };
  }

  it("become su-exec calls on Alpine 3.23, each with only its command word changed", async () => {
    const { script, after } = await migrated("3.23");
    expect(script?.after).toBe(entrypoint.replaceAll("gosu ", "su-exec "));
    expect(script?.warnings.filter((w) => w.rule === "gosu")).toEqual([]);
    // USER:GROUP keeps only that group with su-exec as it did with gosu: the lint says so, as it
    // said it of the gosu call before, and check passes with that warning.
    const left = after.findings.filter((f) => f.file === "entrypoint.sh");
    expect(left.map((f) => [f.message.split(":")[0], f.line, f.severity])).toEqual([
      ["su-exec-group", 3, "warning"],
      ["su-exec-group", 5, "warning"],
    ]);
  });

  it("become alpinize_exec_as calls on Alpine 3.22, and check finds nothing in the migrated files", async () => {
    const { script, after } = await migrated("3.22");
    expect(after.findings.filter((f) => f.file === "entrypoint.sh")).toEqual([]);
    expect(withoutShims(script?.after ?? "")).toBe(
      [
        "#!/bin/sh",
        "set -e",
        "(alpinize_exec_as app:app /usr/local/bin/migrate)",
        '(alpinize_exec_as 1000 /usr/local/bin/warm "$DATA")',
        '{ alpinize_exec_as "$PUID:$PGID" "$@" || exit; }',
        "",
      ].join("\n"),
    );
    expect(script?.warnings.filter((w) => /gosu|su-exec/.test(w.rule))).toEqual([]);
  });
});
