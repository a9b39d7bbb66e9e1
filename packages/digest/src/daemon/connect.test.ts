import { describe, expect, it } from "vitest";
import { createResolver } from "../index.js";
import { daemonFromEnv } from "./connect.js";

const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as Error & { code?: string; hint?: string; exitCode?: number };
  }
  throw new Error("expected a throw");
};

describe("DOCKER_HOST", () => {
  it("takes unix://, tcp:// (https with DOCKER_TLS_VERIFY) and npipe://", () => {
    expect(daemonFromEnv({})).toEqual({ socketPath: "/var/run/docker.sock" });
    expect(daemonFromEnv({ DOCKER_HOST: "unix:///run/user/1000/docker.sock" })).toEqual({
      socketPath: "/run/user/1000/docker.sock",
    });
    expect(daemonFromEnv({ DOCKER_HOST: "tcp://127.0.0.1:2375" })).toEqual({
      host: "127.0.0.1",
      port: 2375,
      protocol: "http",
    });
    expect(daemonFromEnv({ DOCKER_HOST: "tcp://[::1]", DOCKER_TLS_VERIFY: "1" })).toEqual({
      host: "::1",
      port: 2376,
      protocol: "https",
    });
    expect(daemonFromEnv({ DOCKER_HOST: "npipe:////./pipe/docker_engine" })).toEqual({
      socketPath: "//./pipe/docker_engine",
    });
  });

  it.each([
    ["bogus://x", "the scheme bogus:// is not one alpinize can use"],
    ["http://127.0.0.1:2375", "the scheme http:// is not one alpinize can use"],
    ["ssh://me@build-host", "ssh:// needs the docker CLI"],
    ["/var/run/docker.sock", "it has no scheme"],
    ["tcp://", "not a valid tcp://HOST[:PORT] address"],
    ["tcp://127.0.0.1:99999", "not a valid tcp://HOST[:PORT] address"],
    ["tcp://127.0.0.1:2375/v1.41", "HOST[:PORT] and nothing else"],
    ["unix://", "unix:// needs a path"],
  ])("%s is bad input: %s", (value, why) => {
    const err = thrown(() => daemonFromEnv({ DOCKER_HOST: value }));
    expect(err.code).toBe("ALPINIZE_DIGEST_BAD_DOCKER_HOST");
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(why);
    expect(err.hint).toContain(
      "unix:///path/to/docker.sock, tcp://HOST[:PORT] (port 2375, 2376 with DOCKER_TLS_VERIFY) or npipe://",
    );
  });

  it("takes an empty DOCKER_HOST as unset and refuses a blank one", () => {
    expect(daemonFromEnv({ DOCKER_HOST: "" })).toEqual({ socketPath: "/var/run/docker.sock" });
    for (const blank of ["  ", "\t", " \n "]) {
      const err = thrown(() => daemonFromEnv({ DOCKER_HOST: blank }));
      expect(err).toMatchObject({ code: "ALPINIZE_DIGEST_BAD_DOCKER_HOST", exitCode: 2 });
      expect(err.message).toContain("it is blank");
      expect(err.message).not.toContain("\n");
    }
    expect(() => createResolver({ via: "daemon", env: { DOCKER_HOST: "  " } })).toThrow(/blank/);
  });

  // A tester found ' unix:///x' and 'unix:///x ' trimmed and used while --help said blanks
  // were bad input: a value with blanks around it is refused, as the help says.
  it.each([" unix:///x", "unix:///x ", "tcp://127.0.0.1:2375\n", "\tnpipe:////./pipe/d"])(
    "refuses %j: blanks around the address",
    (value) => {
      const err = thrown(() => daemonFromEnv({ DOCKER_HOST: value }));
      expect(err).toMatchObject({ code: "ALPINIZE_DIGEST_BAD_DOCKER_HOST", exitCode: 2 });
      expect(err.message).toContain("spaces or line breaks around the address; remove them");
      expect(err.message).not.toMatch(/[\n\t]/);
    },
  );

  it("takes tcp://HOST without a port as Docker's client does: 2375, 2376 with TLS", () => {
    expect(daemonFromEnv({ DOCKER_HOST: "tcp://127.0.0.1" })).toEqual({
      host: "127.0.0.1",
      port: 2375,
      protocol: "http",
    });
  });

  it("never repeats a password written in it", () => {
    const err = thrown(() => daemonFromEnv({ DOCKER_HOST: "tcp://user:s3cret@127.0.0.1:2375" }));
    expect(err.message).not.toContain("s3cret");
    expect(err.message).toContain("DOCKER_HOST=tcp://…@127.0.0.1:2375");
  });

  it("is refused when the resolver is made for the daemon, ignored for the registry", () => {
    const env = { DOCKER_HOST: "bogus://x" };
    for (const via of ["daemon", "auto"] as const)
      expect(thrown(() => createResolver({ via, env })).code).toBe(
        "ALPINIZE_DIGEST_BAD_DOCKER_HOST",
      );
    expect(() => createResolver({ via: "registry", env })).not.toThrow();
  });
});
