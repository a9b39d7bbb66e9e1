import { describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../rewrite/rewrite.js";
import { findingsLeftAfterRewrite } from "./after-rewrite.js";
import { lintEntrypoint } from "./lint.js";

const ids = (line: string) =>
  lintEntrypoint(`#!/bin/sh\n${line}\n`)
    .filter((f) => f.rule === "alpine-id")
    .map((f) => `${f.column} ${f.severity} ${f.message}`);

// The tester's line: Debian's usual system ID 999, given with long options.
const SYSTEM_USER = "useradd --system --uid 999 --gid 999 svc";

describe("alpine-id: IDs Alpine's base image already holds", () => {
  it("warns that GID 999 makes ping the user's primary group; UID 999 is free on Alpine", () => {
    expect(ids(SYSTEM_USER)).toEqual([
      "34 warning GID 999 is held by Alpine's base group ping (Alpine 3.23's base image, assumed for other releases): on Alpine 'svc' gets ping as its primary group, not a group of its own",
    ]);
  });

  it("reads short, attached and --opt=value forms alike", () => {
    for (const line of [
      "useradd -r -u 999 -g 999 svc",
      "useradd -ru999 -g999 svc",
      "useradd --uid=999 --gid=999 svc",
      'useradd -u "999" -g "999" svc',
    ])
      expect(ids(line), line).toHaveLength(1);
  });

  it("is an error when the UID is a base user's: the user cannot be created", () => {
    const [f] = lintEntrypoint("#!/bin/sh\nuseradd -u 405 -g 1000 -d /x -s /bin/sh app\n").filter(
      (x) => x.rule === "alpine-id",
    );
    expect(f).toMatchObject({ severity: "error", line: 2, column: 12 });
    expect(f?.message).toContain("UID 405 is held by Alpine's base user guest");
    expect(f?.fix).toContain("1000 to 60000 are free on both");
    expect(ids("adduser -D -u 22 -G app -h /x -s /bin/sh sshuser")).toEqual([
      "15 error UID 22 is held by Alpine's base user sshd (Alpine 3.23's base image, assumed for other releases): adduser and alpinize_ensure_user refuse a taken UID, so creating 'sshuser' fails there",
    ]);
  });

  it("is an error when busybox adduser -u N without -G would make a group with a base GID", () => {
    expect(ids("adduser -D -u 999 svc")).toEqual([
      `15 error UID 999 is free on Alpine, but busybox adduser without -G also makes 'svc' a group with GID 999, which Alpine's base group ping holds (Alpine 3.23's base image, assumed for other releases): it fails with "uid '999' in use"`,
    ]);
    // With a group of its own, or as a system user (nogroup), no group is made.
    expect(ids("adduser -D -u 999 -G app svc")).toEqual([]);
    expect(ids("adduser -S -D -u 999 svc")).toEqual([]);
    expect(ids("adduser -D -u 1000 svc")).toEqual([]);
  });

  it("warns when a group is created with a base group's GID", () => {
    expect(ids("groupadd --gid 82 web")).toEqual([
      "16 warning GID 82 is held by Alpine's base group www-data (Alpine 3.23's base image, assumed for other releases): groupadd refuses a GID a group holds, and alpinize_ensure_group reuses www-data, so 'web' is not created",
    ]);
    expect(ids("addgroup -S -g 999 docker")).toHaveLength(1);
  });

  it("says nothing about free IDs, variables, or a group given by name", () => {
    for (const line of [
      "useradd -u 1000 -g 1000 -d /app -s /sbin/nologin app",
      "useradd -u 999 -g app svc",
      'useradd -u "$PUID" -g "$PGID" app',
      "groupadd -g 998 docker",
      "usermod -u 999 app",
    ])
      expect(ids(line), line).toEqual([]);
  });

  it("stays after the rewrite, which cannot change the ID", () => {
    const text = "#!/bin/sh\nuseradd -u 999 -g 999 -d /srv -s /sbin/nologin svc\n";
    const result = rewriteEntrypoint(text);
    expect(result.changed).toBe(true);
    expect(findingsLeftAfterRewrite(text, result).map((f) => f.rule)).toEqual(["alpine-id"]);
  });
});
