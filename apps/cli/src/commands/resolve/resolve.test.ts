import { Writable } from "node:stream";
import { pushImage, startRegistry } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { main } from "../../main.js";
import { runCli } from "../../test-helpers.js";
import { NO_CREDENTIALS_ENV as env, useRegistry } from "../../test-support/registry.js";

describe("alpinize resolve", () => {
  const fx = useRegistry({ push: { attestation: true } });

  it("prints one JSON object per reference, in order, and exits 1 when one fails", async () => {
    const refs = [
      `${fx.registry.host}/team/app:1.0`,
      `${fx.registry.host}/team/app:gone`,
      `${fx.registry.host}/team/app:1.0`,
    ];
    const res = await runCli(["resolve", "--json", ...refs], { env });
    expect(res.code).toBe(1);
    const out = JSON.parse(res.stdout) as Record<string, unknown>[];
    expect(out.map((o) => o.reference)).toEqual(refs);
    expect(out[0]).toMatchObject({
      digest: fx.app.indexDigest,
      mediaType: "application/vnd.oci.image.index.v1+json",
    });
    expect(out[1]).toMatchObject({ digest: null, error: { code: "ALPINIZE_DIGEST_NOT_FOUND" } });
    expect(out[2]!.digest).toBe(fx.app.indexDigest);
  });

  it("picks a platform and prints REFERENCE DIGEST lines", async () => {
    const ref = `${fx.registry.host}/team/app:1.0`;
    const res = await runCli(["resolve", "--platform", "linux/arm64", ref], { env });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      `${ref}  ${fx.app.manifests[1]!.digest}  (linux/arm64/v8 of ${fx.app.indexDigest})\n`,
    );
  });

  it("exits 2 on a malformed reference, a bad flag value or no reference", async () => {
    const bad = await runCli(
      ["resolve", "--json", "Team/App", `${fx.registry.host}/team/app:1.0`],
      {
        env,
      },
    );
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)[0].error.code).toBe("ALPINIZE_REF_INVALID");
    expect((await runCli(["resolve", "--via", "carrier-pigeon", "alpine"], { env })).code).toBe(2);
    expect((await runCli(["resolve", "--platform", "linux", "alpine"], { env })).stderr).toMatch(
      /invalid platform "linux"/,
    );
    expect((await runCli(["resolve"], { env })).code).toBe(2);
  });

  it("names the reference in every --json error (unreachable, refused token)", async () => {
    const privateRegistry = await startRegistry({ auth: "token", tokenRequireAuth: true });
    try {
      const refs = ["registry.invalid/team/app:1", `${privateRegistry.host}/team/app:1`];
      const res = await runCli(["resolve", "--json", ...refs], { env });
      expect(res.code).toBe(1);
      const out = JSON.parse(res.stdout) as { error: Record<string, unknown> }[];
      expect(out[0]!.error).toMatchObject({
        code: "ALPINIZE_DIGEST_UNREACHABLE",
        reference: refs[0],
      });
      expect(out[0]!.error.message).toMatch(/^registry\.invalid\/team\/app:1: cannot reach/);
      expect(out[1]!.error).toMatchObject({
        code: "ALPINIZE_DIGEST_UNAUTHORIZED",
        reference: refs[1],
      });
      expect(out[1]!.error.message).toMatch(new RegExp(`^${refs[1]}: the token server .* refused`));
    } finally {
      await privateRegistry.stop();
    }
  }, 60_000);

  it("asks a Docker Hub mirror given with --registry-mirror", async () => {
    const alpine = await pushImage(fx.registry.url, "library/alpine", "3.23");
    const res = await runCli(
      ["resolve", "--json", "--registry-mirror", fx.registry.host, "alpine:3.23"],
      { env },
    );
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)[0]).toMatchObject({
      reference: "alpine:3.23",
      canonical: "docker.io/library/alpine:3.23",
      digest: alpine.digest,
    });
  });

  it("shows progress on a terminal's stderr and keeps --json stdout clean", async () => {
    const stdout = new Sink(false);
    const stderr = new Sink(true);
    const refs = [`${fx.registry.host}/team/app:1.0`, `${fx.registry.host}/team/app:1.0`];
    const code = await main(["resolve", "--json", ...refs], {
      stdout,
      stderr,
      env,
      cwd: process.cwd(),
    });
    expect(code).toBe(0);
    expect(stderr.text).toContain(`resolving 2/2 ${refs[1]}`);
    expect(JSON.parse(stdout.text)).toHaveLength(2);
  });
});

class Sink extends Writable {
  text = "";
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe("alpinize resolve --via daemon with a DOCKER_HOST it cannot use", () => {
  it("exits 2 naming the usable schemes, before any connection or DNS lookup", async () => {
    // ' unix:///x' was trimmed and used though --help calls blanks bad input.
    const hosts = [
      "bogus://x",
      "ssh://me@build-host",
      "/var/run/docker.sock",
      " unix:///x",
      "unix:///x ",
    ];
    for (const host of hosts) {
      const r = await runCli(["resolve", "--via", "daemon", "alpine:3.23"], {
        env: { ...env, DOCKER_HOST: host },
      });
      expect(r.code, host).toBe(2);
      expect(r.stderr).toContain(`DOCKER_HOST=`);
      expect(r.stderr).toContain("unix:///path/to/docker.sock, tcp://HOST[:PORT] (port 2375");
      // The old reading took bogus://x for http://x:2375 and looked x up.
      expect(r.stderr).not.toMatch(/getaddrinfo|:2375/);
      expect(r.stdout).toBe("");
    }
    const json = await runCli(["resolve", "--via", "daemon", "--json", "alpine:3.23"], {
      env: { ...env, DOCKER_HOST: "bogus://x" },
    });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)[0].error.code).toBe("ALPINIZE_DIGEST_BAD_DOCKER_HOST");
  });
});
