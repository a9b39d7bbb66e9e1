import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SHIMS_PATH,
  findingsLeftAfterRewrite,
  lintEntrypoint,
  readShims,
  rewriteEntrypoint,
} from "../src/index.js";
import { BUSYBOX } from "./support/roots.js";

const here = dirname(fileURLToPath(import.meta.url));
const CHARON = resolve(here, "../../../../shared/corpus/charon");
const SRC = `. ${DEFAULT_SHIMS_PATH}`;

function parses(shell: string[], script: string): void {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-parse-"));
  try {
    writeFileSync(join(dir, "script.sh"), script);
    execFileSync(shell[0]!, [...shell.slice(1), "-n", join(dir, "script.sh")], { stdio: "pipe" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("rewriteEntrypoint", () => {
  it("warns on groupmod, groupdel, userdel and usermod -u: they need shadow on Alpine", () => {
    const r = rewriteEntrypoint(
      '#!/bin/sh\ngroupmod -o -g "$PGID" app\nusermod -o -u "$PUID" app\nuserdel old\ngroupdel old\n',
    );
    expect(r.output).toContain('groupmod -o -g "$PGID" app\nusermod -o -u "$PUID" app\n');
    const rules = r.warnings.map((w) => [w.rule, w.line]);
    expect(rules).toEqual([
      ["groupmod", 2],
      ["usermod", 3],
      ["userdel", 4],
      ["groupdel", 5],
    ]);
    for (const w of r.warnings) expect(w.message).toContain("apk add --no-cache shadow");
  });

  it("turns groupadd + usermod -aG into shims that refer to the group by its GID", () => {
    const input = [
      "#!/bin/sh",
      "set -e",
      'groupadd -g "$GID" docker 2>/dev/null || true',
      "usermod -aG docker app 2>/dev/null || true",
      "",
    ].join("\n");
    const r = rewriteEntrypoint(input);
    expect(r.output).toBe(
      [
        "#!/bin/sh",
        "# User and group shims that behave the same on Debian and Alpine (alpinize shims print).",
        SRC,
        "set -e",
        'alpinize_ensure_group docker "$GID" >/dev/null || true',
        'alpinize_add_user_to_group app "$GID" >/dev/null || true',
        "",
      ].join("\n"),
    );
    expect(r.changed).toBe(true);
    expect(r.edits.map((e) => [e.rule, e.line, e.column])).toEqual([
      ["source-shims", 2, 1],
      ["groupadd", 3, 1],
      ["usermod-append", 4, 1],
    ]);
    expect(r.edits[1]!.before).toBe('groupadd -g "$GID" docker 2>/dev/null');
  });

  it("is idempotent", () => {
    const input =
      '#!/bin/sh\ngroupadd -g 999 docker\nusermod -a -G docker,video app\nexec gosu app "$@"\n';
    const once = rewriteEntrypoint(input);
    const twice = rewriteEntrypoint(once.output);
    expect(twice).toMatchObject({ changed: false, edits: [], output: once.output });
    expect(once.output).toContain(
      "{ alpinize_add_user_to_group app 999 >/dev/null && alpinize_add_user_to_group app video >/dev/null; }",
    );
    expect(once.output).toContain('{ alpinize_exec_as app "$@" || exit; }\n');
  });

  it("keeps exec's failure semantics: the script stops when privileges cannot be dropped", () => {
    // A stand-in for the shim that fails the way alpinize_exec_as does when no tool is found.
    const input = [
      "#!/bin/sh",
      'alpinize_exec_as() { echo "cannot switch" >&2; return 5; }',
      'false && exec gosu app sh -c "echo never"',
      "echo after-list",
      'if [ "$(id -u)" = 0 ] || true; then',
      '  exec gosu app sh -c "echo switched" 2>&1',
      "fi",
      "echo still-root",
      "",
    ].join("\n");
    const r = rewriteEntrypoint(input, { shimSource: { path: "/dev/null" } });
    expect(rewriteEntrypoint(r.output, { shimSource: { path: "/dev/null" } }).changed).toBe(false);
    const run = spawnSync("dash", ["-c", r.output], { encoding: "utf8" });
    // The redirection stays on the command: the stand-in's message reaches stdout through 2>&1.
    expect(run.stdout).toBe("after-list\ncannot switch\n");
    expect(run.status).toBe(5);
  });

  it("never puts an assignment or a redirection before a { } group it writes", () => {
    const input = [
      "#!/bin/sh",
      "FOO=1 exec gosu app cmd",
      "2>/dev/null exec gosu app cmd",
      "HOME=/x usermod -aG a,b app",
      ">/log usermod -aG a,b app",
      "",
    ].join("\n");
    const r = rewriteEntrypoint(input);
    expect(r.output).not.toMatch(/^\S+ \{/m);
    expect(r.output).toContain("FOO=1 exec gosu app cmd\n");
    expect(r.output).toContain("HOME=/x usermod -aG a,b app\n");
    expect(r.output).toContain("{ alpinize_exec_as app cmd || exit; }\n");
    expect(r.warnings.map((w) => w.line)).toEqual([2, 4]);
    execFileSync("dash", ["-n"], { input: r.output });
  });

  it("runs gosu without exec in a subshell, so the script goes on afterwards", () => {
    const r = rewriteEntrypoint(
      '#!/bin/sh\nrun() { gosu app "$@"; }\ngosu app cmd > /log 2>&1 &\n',
    );
    expect(r.output).toContain('run() { (alpinize_exec_as app "$@"); }');
    expect(r.output).toContain("(alpinize_exec_as app cmd) > /log 2>&1 &");
  });

  it("rewrites gosu with USER:GROUP, a UID or UID:GID, as gosu reads them", () => {
    const input = [
      "#!/bin/sh",
      "gosu app:app true",
      "gosu 1000 true",
      'exec gosu "$PUID:$PGID" "$@"',
      "",
    ].join("\n");
    const r = rewriteEntrypoint(input);
    expect(r.output).toContain("(alpinize_exec_as app:app true)\n(alpinize_exec_as 1000 true)\n");
    expect(r.output).toContain('{ alpinize_exec_as "$PUID:$PGID" "$@" || exit; }\n');
    expect(r.warnings).toEqual([]);
    expect(r.edits.filter((e) => e.rule !== "source-shims").map((e) => [e.rule, e.line])).toEqual([
      ["gosu", 2],
      ["gosu", 3],
      ["gosu", 4],
    ]);
    expect(r.edits.find((e) => e.line === 3)?.message).toContain("else GID 0 and no groups");
    // Nothing is left for a hand edit, and a second run changes nothing.
    expect(findingsLeftAfterRewrite(input, r)).toEqual([]);
    expect(rewriteEntrypoint(r.output).changed).toBe(false);
  });

  // Alpine's base image has getent (libc-utils pulls musl-utils), with glibc's exit codes.
  it("leaves getent as is, also inside command substitutions and rewritten commands", () => {
    const r = rewriteEntrypoint(
      '#!/bin/sh\nG=$(getent group "$X" | cut -d: -f1)\nusermod -aG "$(getent group 5 | cut -d: -f1)" u\n',
    );
    expect(r.output).toContain('G=$(getent group "$X" | cut -d: -f1)\n');
    expect(r.output).toContain(
      'alpinize_add_user_to_group u "$(getent group 5 | cut -d: -f1)" >/dev/null',
    );
    const lookups = '#!/bin/sh\nG=$(getent group "$X" | cut -d: -f1)\ngetent passwd app\n';
    expect(rewriteEntrypoint(lookups)).toMatchObject({ changed: false, edits: [], warnings: [] });
    expect(lintEntrypoint(lookups)).toEqual([]);
  });

  // su-exec from apk runs as is: a script already right for Alpine comes back unchanged.
  it("leaves su-exec as is, but for a group the script made with a GID", () => {
    const alpine = [
      "#!/bin/sh",
      "set -e",
      'if [ "$(id -u)" = 0 ]; then',
      '  exec su-exec app "$@"',
      "fi",
      "su-exec app:app true && su-exec 1000 true &",
      "x=$(su-exec app id -u)",
      'exec "$@"',
      "",
    ].join("\n");
    expect(rewriteEntrypoint(alpine)).toMatchObject({ changed: false, edits: [], warnings: [] });
    const r = rewriteEntrypoint("#!/bin/sh\ngroupadd -g 999 docker\nexec su-exec app:docker cmd\n");
    expect(r.output).toContain("\nexec su-exec app:999 cmd\n");
    expect(r.edits.map((e) => [e.rule, e.line])).toEqual([
      ["source-shims", 2],
      ["groupadd", 2],
      ["group-name", 3],
    ]);
  });

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

  it("inlines the library when asked, and the result parses", () => {
    const r = rewriteEntrypoint("#!/bin/sh\ngroupadd -g 5 g\n", { shimSource: "inline" });
    expect(r.output).toContain(readShims().trimEnd());
    expect(r.output.startsWith("#!/bin/sh\n# >>> alpinize shims")).toBe(true);
    parses(["dash"], r.output);
    expect(rewriteEntrypoint(r.output, { shimSource: "inline" }).changed).toBe(false);
  });

  it("rejects a source path that would need quoting", () => {
    expect(() =>
      rewriteEntrypoint("groupadd -g 1 a\n", { shimSource: { path: "lib/x y.sh" } }),
    ).toThrow(/not an absolute path/);
  });

  it("leaves a script without user handling untouched and does not source the shims", () => {
    const input = "#!/bin/sh\necho hi\nstat -c %g /x\n";
    expect(rewriteEntrypoint(input)).toEqual({
      output: input,
      changed: false,
      edits: [],
      warnings: [],
    });
  });
});

describe.skipIf(!existsSync(CHARON))(
  `Charon's Debian entrypoint${existsSync(CHARON) ? "" : " (skipped: ../shared/corpus absent)"}`,
  () => {
    const input = existsSync(CHARON)
      ? readFileSync(`${CHARON}/debian-trixie.entrypoint.sh`, "utf8")
      : "";

    it("becomes a script that parses under dash and busybox ash and uses the shims", () => {
      const r = rewriteEntrypoint(input);
      parses(["dash"], r.output);
      if (existsSync(BUSYBOX)) parses([BUSYBOX, "ash"], r.output);
      expect(r.output).toContain(
        'alpinize_ensure_group docker "$DOCKER_SOCK_GID" >/dev/null || true',
      );
      expect(r.output).toContain(
        'alpinize_add_user_to_group charon "$DOCKER_SOCK_GID" >/dev/null || true',
      );
      expect(r.output).toContain(
        'alpinize_add_user_to_group charon "$GROUP_NAME" >/dev/null || true',
      );
      expect(r.output).toContain('(alpinize_exec_as charon "$@")');
      expect(r.warnings).toEqual([]);
      // Only the user/group lines change: every other line is kept byte for byte.
      const changed = new Set(r.edits.map((e) => e.line));
      const inLines = input.split("\n");
      const outLines = r.output.split("\n");
      outLines.splice(1, 2); // the two lines that source the shims
      inLines.forEach((l, i) => {
        if (!changed.has(i + 1)) expect(outLines[i]).toBe(l);
      });
      const left = lintEntrypoint(r.output).filter((f) =>
        ["shadow-tool", "gosu", "hidden-failure"].includes(f.rule),
      );
      expect(left).toEqual([]);
    });

    it("also handles the Alpine-era variant (addgroup and su-exec)", () => {
      const alpine = readFileSync(`${CHARON}/alpine-before.entrypoint.sh`, "utf8");
      const r = rewriteEntrypoint(alpine);
      expect(r.output).toContain(
        'alpinize_ensure_group docker "$DOCKER_SOCK_GID" >/dev/null || true',
      );
      expect(r.output).toContain(
        'alpinize_add_user_to_group charon "$DOCKER_SOCK_GID" >/dev/null || true',
      );
      expect(r.output).toContain('        su-exec charon "$@"\n');
      parses(["dash"], r.output);
    });
  },
);

describe("rewriteEntrypoint on unusual input", () => {
  it("rewrites nothing in a script with an unclosed quote, and says where", () => {
    const input = "#!/bin/sh\ngroupadd -g 1 x\necho 'oops\n";
    const r = rewriteEntrypoint(input);
    expect(r).toMatchObject({ output: input, changed: false, edits: [] });
    expect(r.warnings).toEqual([expect.objectContaining({ rule: "syntax", line: 3, column: 6 })]);
    expect(lintEntrypoint(input)).toContainEqual(
      expect.objectContaining({ rule: "syntax", line: 3, column: 6, severity: "error" }),
    );
  });

  it("moves redirections that precede gosu into the subshell, and leaves gosu after assignments", () => {
    const r = rewriteEntrypoint("2>/dev/null gosu app cmd\nFOO=1 gosu app cmd\n");
    expect(r.output).toContain("(alpinize_exec_as app cmd)\n");
    expect(r.output).toContain("FOO=1 gosu app cmd\n");
    expect(r.warnings.map((w) => [w.rule, w.line])).toEqual([["gosu", 2]]);
  });

  it("quotes option values that are not plain words", () => {
    const r = rewriteEntrypoint("groupadd --gid=12 'my group'\nusermod -aG 'a b' u\n");
    expect(r.output).toContain("alpinize_ensure_group 'my group' 12 >/dev/null");
    expect(r.output).toContain("alpinize_add_user_to_group u 'a b' >/dev/null");
  });

  // Random scripts built from the constructs the rewriter touches: whatever dash accepts must
  // still parse after the rewrite, and a second rewrite must change nothing.
  it("keeps random scripts that parse parseable, and is idempotent on them", () => {
    const parts = [
      "groupadd ",
      "-g ",
      "999 ",
      "docker ",
      "usermod -aG ",
      "gosu ",
      "exec ",
      "$(",
      ")",
      "`",
      "'",
      '"',
      "\n",
      ";",
      "&&",
      "|",
      "<<EOF\n",
      "EOF\n",
      "#",
      " ",
      "2>/dev/null ",
      "|| true ",
      "getent group ",
      "$x ",
      "adduser ",
      "useradd -u 1 -g a -d /a -s /b c ",
      "app ",
      "if true; then ",
      "fi\n",
      "x=",
      '"$GID" ',
    ];
    let seed = 20261204;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let checked = 0;
    for (let i = 0; i < 4000 && checked < 150; i++) {
      let s = "";
      for (let k = rand(25); k > 0; k--) s += parts[rand(parts.length)];
      if (spawnSync("dash", ["-n", "-c", s]).status !== 0) continue;
      checked++;
      const once = rewriteEntrypoint(s);
      if (once.changed) {
        expect(spawnSync("dash", ["-n", "-c", once.output]).status, JSON.stringify(s)).toBe(0);
      }
      expect(rewriteEntrypoint(once.output).changed, JSON.stringify(s)).toBe(false);
    }
    expect(checked).toBe(150);
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
