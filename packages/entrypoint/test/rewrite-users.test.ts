import { describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../src/index.js";

describe("rewriteEntrypoint", () => {
  it("rewrites useradd and busybox adduser/addgroup, and leaves what it cannot map with a warning", () => {
    const r = rewriteEntrypoint(
      [
        "#!/bin/sh",
        "useradd -u 1000 -g app -d /app -s /usr/sbin/nologin -M app",
        "addgroup -g 2000 web",
        "adduser -D -H -u 2000 -G web -h /srv -s /bin/sh web",
        "addgroup web video",
        "useradd -m bob",
        "groupadd staff2",
        "su-exec app:app true",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("alpinize_ensure_user app 1000 app /app /sbin/nologin\n");
    expect(r.output).toContain("alpinize_ensure_group web 2000 >/dev/null\n");
    expect(r.output).toContain("alpinize_ensure_user web 2000 2000 /srv /bin/sh\n");
    expect(r.output).toContain("alpinize_add_user_to_group web video >/dev/null\n");
    expect(r.output).toContain("su-exec app:app true\n");
    expect(r.warnings.map((w) => [w.rule, w.line])).toEqual([
      ["useradd", 6],
      ["groupadd", 7],
    ]);
    expect(r.edits.find((e) => e.line === 8)).toBeUndefined();
  });
});

describe("declined user-tool calls say what the shims lack", () => {
  it("names useradd -m and groupadd -o in the warning", () => {
    const r = rewriteEntrypoint(
      '#!/bin/sh\nuseradd -u "$PUID" -g app -d /home/app -m -s /sbin/nologin app\ngroupadd -o -g "$PGID" abc\n',
    );
    const messages = r.warnings.map((w) => w.message);
    expect(messages).toContain(
      "useradd with options the shims do not cover: -m (the shim makes no home directory); left as is",
    );
    expect(messages).toContain(
      "groupadd with options the shims do not cover: -o (the shim refuses a GID in use); left as is",
    );
  });

  it("names only the needed options a call lacks, long forms counting as given", () => {
    const declined = (line: string) =>
      rewriteEntrypoint(`#!/bin/sh
${line}
`).warnings.map((w) => w.message);
    expect(declined("useradd --system --uid 999 --gid 999 svc")).toEqual([
      "useradd needs -d/--home-dir HOME and -s/--shell SHELL to be rewritten; left as is",
    ]);
    expect(declined("useradd -u 1000 --gid=app --home-dir /app svc")).toEqual([
      "useradd needs -s/--shell SHELL to be rewritten; left as is",
    ]);
    expect(declined("useradd svc")).toEqual([
      "useradd needs -u/--uid UID, -g/--gid GROUP, -d/--home-dir HOME and -s/--shell SHELL to be rewritten; left as is",
    ]);
    expect(declined("adduser -D --uid 1000 --ingroup app svc")).toEqual([
      "adduser needs -h/--home HOME and -s/--shell SHELL to be rewritten; left as is",
    ]);
  });
});
