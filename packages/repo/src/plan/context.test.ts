import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { contextEntry, contextReader } from "./context.js";

const OUTSIDE = { skipped: "outside-context" };

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("contextReader: the build-context files a Dockerfile COPYs", () => {
  it("tries each context in order and reports each file read", async () => {
    repo = await scratchRepo({
      "svc/entry.sh": "#!/bin/sh\nsvc\n",
      "entry.sh": "#!/bin/sh\nroot\n",
      "only-root.sh": "#!/bin/sh\nonly\n",
    });
    const read: string[] = [];
    const at = contextReader(repo.root, { contexts: ["svc", "."], onRead: (f) => read.push(f) });
    expect(at("entry.sh")).toBe("#!/bin/sh\nsvc\n");
    expect(at("/only-root.sh")).toBe("#!/bin/sh\nonly\n");
    expect(at("missing.sh")).toBeUndefined();
    expect(read).toEqual([join(repo.root, "svc/entry.sh"), join(repo.root, "only-root.sh")]);
  });

  it("never leaves a context, and reads a path that only passes through a parent inside it", async () => {
    repo = await scratchRepo({ "app/bin/run.sh": "run\n", "secret.sh": "secret\n" });
    const at = contextReader(join(repo.root, "app"));
    expect(at("../secret.sh")).toBeUndefined();
    expect(at("/../secret.sh")).toBeUndefined();
    expect(at("bin/../../secret.sh")).toBeUndefined();
    expect(at("bin/../bin/run.sh")).toBe("run\n");
    // The repository root is a context of its own only when it is listed.
    const both = contextReader(repo.root, { contexts: ["app"] });
    expect(both("../secret.sh")).toBeUndefined();
  });

  it("leaves a name holding a variable unread: Docker copies what it expands to", async () => {
    repo = await scratchRepo({ $SCRIPT: "literal\n" });
    expect(contextReader(repo.root)("$SCRIPT")).toBeUndefined();
  });

  it("skips a file over the limit, or reads its head when asked", async () => {
    repo = await scratchRepo({ "big.sh": `#!/bin/bash\n${"x".repeat(100)}\n` });
    expect(contextReader(repo.root, { limit: 16 })("big.sh")).toBeUndefined();
    expect(contextReader(repo.root, { limit: 16, head: true })("big.sh")).toBe("#!/bin/bash\nxxxx");
  });

  it("reads no directory and waits on no FIFO", async () => {
    repo = await scratchRepo({ "dir/a.sh": "a\n" });
    execFileSync("mkfifo", [join(repo.root, "pipe.sh")]);
    const at = contextReader(repo.root);
    expect(at("dir")).toBeUndefined();
    expect(at("pipe.sh")).toBeUndefined();
  });

  it("reads no file whose real path leaves the context, through its own link or a folder's, and says so", async () => {
    repo = await scratchRepo({
      "app/lib/inside.sh": "#!/bin/sh\ninside\n",
      "secret.sh": "#!/bin/sh\nSECRET\n",
      "app-secret/x.sh": "#!/bin/sh\nSECRET\n",
      "app-secret/dir/y.sh": "#!/bin/sh\nSECRET\n",
    });
    const app = join(repo.root, "app");
    symlinkSync("../secret.sh", join(app, "up.sh"));
    symlinkSync(join(repo.root, "secret.sh"), join(app, "abs.sh"));
    // `app-secret` starts with `app`: a prefix of the name is not a folder inside.
    symlinkSync("../app-secret/x.sh", join(app, "prefix.sh"));
    symlinkSync("../app-secret/dir", join(app, "outdir"));
    symlinkSync("lib/inside.sh", join(app, "in.sh"));
    symlinkSync("lib", join(app, "indir"));
    const read: string[] = [];
    const at = contextReader(app, { onRead: (f) => read.push(f) });
    for (const path of ["up.sh", "abs.sh", "prefix.sh", "outdir/y.sh", "/outdir/y.sh", "outdir"])
      expect(at(path)).toEqual(OUTSIDE);
    expect(at("missing.sh")).toBeUndefined();
    expect(at("in.sh")).toBe("#!/bin/sh\ninside\n");
    expect(at("indir/inside.sh")).toBe("#!/bin/sh\ninside\n");
    expect(read).toEqual([join(app, "in.sh"), join(app, "indir/inside.sh")]);
    // The repository as a context holds `secret.sh`, but a link from `app` is read only in
    // `app`, its own context: the repository root answers for its own paths.
    const both = contextReader(repo.root, { contexts: ["app", "."] });
    expect(both("up.sh")).toEqual(OUTSIDE);
    expect(both("secret.sh")).toBe("#!/bin/sh\nSECRET\n");
  });

  it("contextEntry tells the kind of a path by the same rule, links followed while inside", async () => {
    repo = await scratchRepo({ "app/lib/inside.sh": "inside\n", "secret.sh": "secret\n" });
    const app = join(repo.root, "app");
    symlinkSync("lib/inside.sh", join(app, "in.sh"));
    symlinkSync("lib", join(app, "libs"));
    symlinkSync("../secret.sh", join(app, "up.sh"));
    symlinkSync("..", join(app, "parent"));
    symlinkSync("nowhere.sh", join(app, "dangling.sh"));
    symlinkSync("b.sh", join(app, "a.sh"));
    symlinkSync("a.sh", join(app, "b.sh"));
    const kind = contextEntry(repo.root, "app");
    expect(["in.sh", "libs/inside.sh", "/lib/inside.sh"].map(kind)).toEqual([
      "file",
      "file",
      "file",
    ]);
    expect(["libs", ".", "lib/"].map(kind)).toEqual(["directory", "directory", "directory"]);
    expect(["up.sh", "parent", "parent/secret.sh"].map(kind)).toEqual([OUTSIDE, OUTSIDE, OUTSIDE]);
    for (const path of ["dangling.sh", "a.sh", "missing.sh", "../secret.sh", "$X"])
      expect(kind(path)).toBeUndefined();
  });

  it("tells a link out it cannot open from a dangling one, still reading nothing", async () => {
    repo = await scratchRepo({ "app/x": "" });
    const app = join(repo.root, "app");
    // A socket cannot be opened (ENXIO), as /etc/shadow cannot for a user: where it is says enough.
    const server = createServer();
    await new Promise<void>((done) => server.listen(join(repo!.root, "sock"), done));
    try {
      symlinkSync("../sock", join(app, "sock.sh"));
      symlinkSync("../nowhere.sh", join(app, "dangling.sh"));
      const at = contextReader(app);
      expect(at("sock.sh")).toEqual(OUTSIDE);
      expect(at("dangling.sh")).toBeUndefined();
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it("reads nothing from a context folder that is itself a link out of the root", async () => {
    repo = await scratchRepo({ "outside/run.sh": "#!/bin/sh\nSECRET\n", "repo/x": "" });
    symlinkSync("../outside", join(repo.root, "repo/svc"));
    expect(contextReader(join(repo.root, "repo"), { contexts: ["svc"] })("run.sh")).toBeUndefined();
    // A root reached through a link is taken as it really is.
    mkdirSync(join(repo.root, "real/app"), { recursive: true });
    writeFileSync(join(repo.root, "real/app/run.sh"), "#!/bin/sh\nok\n");
    symlinkSync("real/app", join(repo.root, "alias"));
    expect(contextReader(join(repo.root, "alias"))("run.sh")).toBe("#!/bin/sh\nok\n");
  });
});
