import { afterEach, describe, expect, it } from "vitest";
import { makeRoot, skipReason, type TestRoot } from "./support/roots.js";

// The README says what differs between busybox's adduser and the files fallback: the lines
// written, not the groups the user ends up in. Both run here on the musl busybox with Alpine's /etc.
const reason = skipReason("busybox");
describe.skipIf(reason !== undefined)("alpinize_ensure_user: the lines each backend writes", () => {
  let root: TestRoot | undefined;
  afterEach(async () => {
    await root?.remove();
  });

  const addApp = async (backend: "busybox" | "files" | "shadow") => {
    root = await makeRoot(backend === "shadow" ? "debian" : "busybox");
    const r = await root.sh(
      [
        `export ALPINIZE_BACKEND=${backend}`,
        "g=$(alpinize_ensure_group app 1000)",
        'alpinize_ensure_user app 1000 "$g" /app /bin/sh',
        "echo ids: $(id -u app) $(id -G app) $(id -Gn app)",
      ].join("\n"),
    );
    expect(r.code).toBe(0);
    const line = (file: string, text: string) =>
      text.split("\n").find((l) => l.startsWith("app:")) ?? `no app in ${file}`;
    return {
      ids: r.stdout.split("\n").find((l) => l.startsWith("ids:")),
      passwd: line("passwd", await root.read("etc/passwd")),
      group: line("group", await root.read("etc/group")),
    };
  };

  it("writes Linux User,,, and lists the user in its own group with busybox, neither with files; the groups are the same", async () => {
    const busybox = await addApp("busybox");
    await root?.remove();
    const files = await addApp("files");
    expect(busybox.passwd).toBe("app:x:1000:1000:Linux User,,,:/app:/bin/sh");
    expect(busybox.group).toBe("app:x:1000:app");
    expect(files.passwd).toBe("app:x:1000:1000::/app:/bin/sh");
    expect(files.group).toBe("app:x:1000:");
    expect(busybox.ids).toBe("ids: 1000 1000 app");
    expect(files.ids).toBe(busybox.ids);
  });

  it.skipIf(skipReason("debian") !== undefined)(
    "writes as Debian's useradd does with files: no GECOS, no member",
    async () => {
      const shadow = await addApp("shadow");
      await root?.remove();
      const files = await addApp("files");
      expect(shadow.passwd).toBe(files.passwd);
      expect(shadow.group).toBe(files.group);
    },
  );
});
