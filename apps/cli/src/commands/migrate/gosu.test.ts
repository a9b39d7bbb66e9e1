import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { GOSU_DOWNLOAD_LINES } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

/** docker-library's gosu step: a RUN that only fetches, verifies and installs the release binary. */
const GOSU_DOCKERFILE = [
  ...GOSU_DOWNLOAD_LINES,
  'ENTRYPOINT ["gosu", "app"]',
  'CMD ["/usr/local/bin/app"]',
  "",
].join("\n");

const SU_EXEC =
  'FROM alpine:3.23\nRUN apk add --no-cache su-exec\nENTRYPOINT ["su-exec", "app"]\nCMD ["/usr/local/bin/app"]\n';

let root = "";
removeGitReposAfterEach();

describe("alpinize migrate --gosu", () => {
  it("FILE: keeps a gosu download by default, with a warning that says what su-exec would do", async () => {
    root = await gitRepo({ Dockerfile: GOSU_DOCKERFILE });
    const r = await runCli(["migrate", "--alpine", "3.23", join(root, "Dockerfile")]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("su-exec");
    expect(r.stderr).toMatch(
      /Dockerfile:7:\d+ \[tini-gosu\] gosu release download kept .*apk add --no-cache su-exec/,
    );
  });

  it("FILE: --gosu su-exec installs su-exec and gosu calls follow; --check then passes", async () => {
    root = await gitRepo({ Dockerfile: GOSU_DOCKERFILE });
    const file = join(root, "Dockerfile");
    const json = await runCli(["migrate", "--json", "--gosu", "su-exec", "--alpine", "3.23", file]);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.files[0].packages).toContainEqual(
      expect.objectContaining({ debian: "gosu", alpine: ["su-exec"], written: ["su-exec"] }),
    );
    const w = await runCli(["migrate", "--write", "--gosu", "su-exec", "--alpine", "3.23", file]);
    expect(w.code).toBe(0);
    expect(await readFile(join(root, "Dockerfile"), "utf8")).toBe(SU_EXEC);
    // This RUN checks no signature: the warning names only what it did.
    expect(w.stderr).toMatch(/\[tini-gosu\] gosu download and chmod replaced by/);
    expect(w.stderr).not.toContain("signature");
    const check = await runCli(["migrate", "--check", "--alpine", "3.23", file]);
    expect(check.code).toBe(0);
  });

  it("rejects an unknown mode with exit 2, naming the flag and the choices", async () => {
    root = await gitRepo({ Dockerfile: GOSU_DOCKERFILE });
    for (const target of ["Dockerfile", "."]) {
      const r = await runCli(["migrate", "--gosu", "suexec", target], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('alpinize migrate: --gosu needs keep or su-exec, not "suexec"');
    }
  });

  it('DIR: reads "migrate": {"gosu": ...} from the config, and the flag wins', async () => {
    root = await gitRepo({
      "svc/Dockerfile": GOSU_DOCKERFILE,
      "alpinize.config.json": '{"alpine": "3.23", "migrate": {"gosu": "su-exec"}}',
    });
    const fromConfig = await runCli(["migrate", "--json", "."], { cwd: root });
    expect(fromConfig.code).toBe(0);
    expect(JSON.parse(fromConfig.stdout).files[0].packages).toContainEqual(
      expect.objectContaining({ debian: "gosu", written: ["su-exec"] }),
    );
    const kept = await runCli(["migrate", "--write", "--gosu", "keep", "."], { cwd: root });
    expect(kept.code).toBe(0);
    const after = await readFile(join(root, "svc/Dockerfile"), "utf8");
    expect(after).toContain("wget -O /usr/local/bin/gosu");
    expect(after).not.toContain("su-exec");
    expect(after).toContain('ENTRYPOINT ["gosu", "app"]');
  });

  it("DIR: --gosu su-exec writes su-exec without a config", async () => {
    root = await gitRepo({ "svc/Dockerfile": GOSU_DOCKERFILE });
    const r = await runCli(["migrate", "--write", "--gosu", "su-exec", "--alpine", "3.23", "."], {
      cwd: root,
    });
    expect(r.code).toBe(0);
    expect(await readFile(join(root, "svc/Dockerfile"), "utf8")).toBe(SU_EXEC);
  });

  it("DIR: a bad migrate.gosu in the config is exit 2 naming the file and the key", async () => {
    root = await gitRepo({ "svc/Dockerfile": GOSU_DOCKERFILE });
    await writeFile(join(root, "alpinize.config.json"), '{"migrate": {"gosu": "gone"}}');
    const r = await runCli(["migrate", "."], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'alpinize.config.json: "migrate.gosu" must be "keep" or "su-exec", got "gone"',
    );
    expect(await readFile(join(root, "svc/Dockerfile"), "utf8")).toBe(GOSU_DOCKERFILE);
  });
});
