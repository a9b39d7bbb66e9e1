import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { makeRoot, skipReason, type TestRoot } from "./support/roots.js";

/** `line:column severity message` of each alpine-id finding. */
const ids = (text: string) =>
  lintEntrypoint(text)
    .filter((f) => f.rule === "alpine-id")
    .map((f) => `${f.line}:${f.column} ${f.severity} ${f.message}`);

const script = (...lines: string[]) => ["#!/bin/sh", ...lines, ""].join("\n");

// The rewrite turns `groupadd -g 999 docker` into `alpinize_ensure_group docker 999`, and the
// alpine-id warning was given for groupadd only: a rerun on the rewritten script (alpinize
// entrypoint again, or migrate DIR on a migrated repo) no longer said that GID 999 is ping's.
describe("alpine-id on the shim calls the rewrite writes", () => {
  it("warns again on a rerun: alpinize_ensure_group reuses the base group holding the GID", () => {
    const first = rewriteEntrypoint(script("groupadd -g 999 docker", "chgrp docker /srv"));
    expect(first.output).toContain("alpinize_ensure_group docker 999");
    expect(ids(first.output)).toEqual([
      "4:30 warning GID 999 is held by Alpine's base group ping (Alpine 3.23's base image, assumed for other releases): alpinize_ensure_group reuses ping there and prints 'ping', so 'docker' is not created and a later use of its name finds no group",
    ]);
    const [f] = lintEntrypoint(first.output).filter((x) => x.rule === "alpine-id");
    expect(f?.fix).toContain("1000 to 60000 are free");
    expect(f?.fix).toContain('g=$(alpinize_ensure_group docker 999) and use "$g"');
  });

  it("is an error with --strict, which makes the shim fail there", () => {
    expect(ids(script("alpinize_ensure_group docker 999 --strict"))).toEqual([
      "2:30 error GID 999 is held by Alpine's base group ping (Alpine 3.23's base image, assumed for other releases): with --strict alpinize_ensure_group fails there (exit 4), so 'docker' is not created",
    ]);
  });

  it("checks alpinize_ensure_user's UID and numeric group, as for useradd -u/-g", () => {
    const users = rewriteEntrypoint(
      script(
        "useradd -u 405 -g 1000 -d /x -s /bin/sh app",
        "useradd -u 999 -g 999 -d /srv -s /sbin/nologin svc",
      ),
    );
    expect(users.output).toContain("alpinize_ensure_user app 405 1000 /x /bin/sh");
    expect(ids(users.output)).toEqual([
      "4:26 error UID 405 is held by Alpine's base user guest (Alpine 3.23's base image, assumed for other releases): alpinize_ensure_user refuses a taken UID (exit 4), so creating 'app' fails there",
      "5:30 warning GID 999 is held by Alpine's base group ping (Alpine 3.23's base image, assumed for other releases): on Alpine 'svc' gets ping as its primary group, not a group of its own",
    ]);
  });

  it("says nothing for a free ID, the holder's own name, or an ID in a variable", () => {
    for (const line of [
      "alpinize_ensure_group docker 1000",
      "alpinize_ensure_group ping 999",
      'alpinize_ensure_group docker "$DOCKER_GID"',
      "alpinize_ensure_user app 1000 1000 /app /sbin/nologin",
      "alpinize_ensure_user guest 405 100 /dev/null /sbin/nologin",
    ])
      expect(ids(script(line)), line).toEqual([]);
    // A group name the lint cannot read still gets the GID's warning.
    expect(ids(script('alpinize_ensure_group "$G" 999'))[0]).toContain(
      "so the group is not created",
    );
  });
});

// What the messages say, checked against the shims in a musl busybox root with Alpine's files.
const reason = skipReason("busybox");
describe.skipIf(reason !== undefined)(
  `the shims on Alpine's base accounts${reason ? ` (skipped: ${reason})` : ""}`,
  () => {
    let root: TestRoot;
    beforeEach(async () => {
      root = await makeRoot("busybox");
    });
    afterEach(async () => {
      await root?.remove();
    });

    it("alpinize_ensure_group docker 999 prints ping and makes no docker group", async () => {
      const r = await root.sh("alpinize_ensure_group docker 999");
      expect(r).toMatchObject({ code: 0, stdout: "ping\n" });
      expect(await root.read("etc/group")).not.toMatch(/^docker:/m);
      expect((await root.sh("alpinize_ensure_group docker 999 --strict")).code).toBe(4);
    });

    it("alpinize_ensure_user refuses UID 405 and gives GID 999's user the group ping", async () => {
      const taken = await root.sh(
        "alpinize_ensure_group app 1000 >/dev/null\nalpinize_ensure_user app 405 1000 /x /bin/sh",
      );
      expect(taken.code).toBe(4);
      expect(taken.stderr).toContain("UID 405 is held by user 'guest'");
      const svc = await root.sh("alpinize_ensure_user svc 999 999 /srv /sbin/nologin");
      expect(svc.code).toBe(0);
      expect(await root.read("etc/passwd")).toMatch(/^svc:x:999:999:/m);
    });
  },
);
