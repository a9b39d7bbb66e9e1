import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { findingsLeftAfterRewrite, lintEntrypoint, rewriteEntrypoint } from "../src/index.js";

const SRC = { shimSource: { path: "/l/s.sh" } } as const;
const rewrite = (line: string) => rewriteEntrypoint(`#!/bin/sh\n${line}\n`, SRC);
/** The rewritten line (the shims are sourced on lines 2 and 3). */
const rewritten = (line: string) => rewrite(line).output.split("\n")[3];

describe("runuser and setpriv that run a command as USER[:GROUP]", () => {
  const CASES: Array<[string, string]> = [
    ["runuser -u app -- id", "(alpinize_exec_as app id)"],
    ['exec runuser -u "$WORKER_USER" -- "$@"', '{ alpinize_exec_as "$WORKER_USER" "$@" || exit; }'],
    ["runuser -u app id", "(alpinize_exec_as app id)"],
    ["runuser -uapp -gweb -- id -G", "(alpinize_exec_as app:web id -G)"],
    ["runuser --user=app --group web -- id", "(alpinize_exec_as app:web id)"],
    ['runuser -G "$G" -u app -- id', '(alpinize_exec_as app:"$G" id)'],
    [
      "runuser app -c 'echo \"$0 $1\"' x y",
      "(alpinize_exec_as app /bin/sh -c 'echo \"$0 $1\"' x y)",
    ],
    ["runuser -c 'a; b' -s /bin/dash app", "(alpinize_exec_as app /bin/dash -c 'a; b')"],
    ["runuser --command='a b' -g web app", "(alpinize_exec_as app:web /bin/sh -c 'a b')"],
    ['runuser --user="$U" -- "$@"', '(alpinize_exec_as "$U" "$@")'],
    [
      'exec setpriv --reuid=svc --regid=svc --init-groups "$@"',
      '{ alpinize_exec_as svc "$@" || exit; }',
    ],
    [
      'exec setpriv --reuid app --regid app --clear-groups -- /bin/app --config /tmp/a.yaml "$@"',
      '{ alpinize_exec_as app:app /bin/app --config /tmp/a.yaml "$@" || exit; }',
    ],
    ["setpriv --reuid=1000 --regid=1000 --init-groups id", "(alpinize_exec_as 1000 id)"],
    ["setpriv --reuid=4242 --regid=4343 --clear-groups id", "(alpinize_exec_as 4242:4343 id)"],
    ["setpriv --reuid=app --clear-groups id", "(alpinize_exec_as app:0 id)"],
    [
      'setpriv --reuid="$PUID" "--regid=$PGID" --clear-groups --nnp id',
      '(alpinize_exec_as "$PUID":"$PGID" setpriv --nnp id)',
    ],
    ["x=$(runuser -u app -- id -un)", "x=$( (alpinize_exec_as app id -un))"],
    ["x=$(setpriv --reuid=a --regid=a --init-groups id)", "x=$( (alpinize_exec_as a id))"],
  ];
  for (const [line, want] of CASES) {
    it(`rewrites \`${line}\``, () => {
      const r = rewrite(line);
      expect(r.warnings).toEqual([]);
      expect(rewritten(line)).toBe(want);
      expect(r.edits.map((e) => e.rule)).toEqual([
        "source-shims",
        line.match(/runuser|setpriv/)![0],
      ]);
      // The lint's finding is fixed by the edit, and the rewrite is stable.
      const text = `#!/bin/sh\n${line}\n`;
      expect(findingsLeftAfterRewrite(text, r)).toEqual([]);
      expect(rewriteEntrypoint(r.output, SRC).changed).toBe(false);
      execFileSync("dash", ["-n"], { input: r.output });
    });
  }

  it("names a group the script created with a GID by that GID", () => {
    const r = rewriteEntrypoint(
      "#!/bin/sh\ngroupadd -g 999 docker\nrunuser -u app -g docker -- id\nsetpriv --reuid=app --regid=docker --clear-groups id\n",
      SRC,
    );
    expect(r.output).toContain("\n(alpinize_exec_as app:999 id)\n(alpinize_exec_as app:999 id)\n");
  });

  it("says what each edit keeps and what differs", () => {
    const [, ru] = rewrite("runuser -u app -- id").edits;
    expect(ru!.message).toContain("USER, LOGNAME and SHELL stay as they were");
    const [, rc] = rewrite("runuser app -c id").edits;
    expect(rc!.message).toContain("runuser used the user's login shell from /etc/passwd");
    const [, sp] = rewrite("setpriv --reuid=a --regid=a --init-groups id").edits;
    expect(sp!.message).toContain("the same when a is the user's primary group");
    expect(sp!.message).toContain("where setpriv kept the caller's");
  });
});

describe("runuser and setpriv calls alpinize_exec_as cannot carry over", () => {
  const DECLINED: Array<[string, RegExp, RegExp]> = [
    ["runuser -l app -c 'cd /srv && ./start'", /-l starts a login shell/, /apk add runuser/],
    ["runuser - app -c id", /-l starts a login shell/, /apk add runuser/],
    ["runuser -u app -m -- id", /keeps the caller's HOME/, /drop -m\/-p/],
    ["runuser -u app -G a -G b -- id", /several -g\/-G groups/, /alpinize_add_user_to_group/],
    ["runuser -u app -g a -G b -- id", /several -g\/-G groups/, /apk add runuser/],
    ["runuser -u app ls -l", /refuses -u together with/, /put -- before the command/],
    ["runuser -u app id -x", /runuser reads -x as its own option/, /put -- before the command/],
    ["runuser -u 1000 -- id", /fails with the ID 1000/, /alpinize_exec_as UID/],
    ["runuser -u app -c id", /refuses -u together with -c/, /no -c/],
    ["runuser -u app", /without a command/, /after --/],
    ["runuser app", /without -c starts the user's shell/, /apk add runuser/],
    ["runuser -c id", /runs the command as root/, /without runuser/],
    ["runuser -u app -P -- id", /no counterpart for --pty/, /apk add runuser/],
    [
      "setpriv --reuid=app --regid=web --init-groups id",
      /--regid web gives that group beside/,
      /apk add setpriv/,
    ],
    ["setpriv --reuid=app --init-groups id", /keeps GID 0/, /apk add setpriv/],
    ["setpriv --reuid=app --regid=app --keep-groups id", /--keep-groups/, /apk add setpriv/],
    ["setpriv --reuid=app --regid=app --groups=1,2 id", /--groups/, /apk add setpriv/],
    [
      "setpriv --reuid=app --regid=app id",
      /without --init-groups or --clear-groups/,
      /--clear-groups/,
    ],
    [
      "setpriv --regid=app --clear-groups id",
      /without --reuid the command runs as root/,
      /without setpriv/,
    ],
    ["setpriv --reuid=a --regid=a --clear-groups --reset-env id", /--reset-env/, /apk add setpriv/],
    ["setpriv --reuid=a --regid=a --clear-groups", /without a command/, /command/],
  ];
  for (const [line, reason, fix] of DECLINED) {
    it(`leaves \`${line}\` and says why`, () => {
      const r = rewrite(line);
      expect(r.changed).toBe(false);
      expect(r.warnings).toEqual([]);
      const findings = lintEntrypoint(`#!/bin/sh\n${line}\n`);
      expect(findings).toHaveLength(1);
      const [f] = findings;
      expect(f).toMatchObject({ rule: line.split(" ")[0], severity: "warning", line: 2 });
      expect(f!.message).toMatch(/this call is not rewritten: /);
      expect(f!.message).toMatch(reason);
      expect(f!.fix).toMatch(fix);
    });
  }

  it("flags setpriv options busybox lacks, and not the ones it has", () => {
    expect(lintEntrypoint("setpriv --nnp id\nsetpriv -d\nsetpriv --inh-caps -all id\n")).toEqual(
      [],
    );
    const [f] = lintEntrypoint("setpriv --bounding-set -all --nnp id\n");
    expect(f).toMatchObject({ rule: "setpriv", message: "busybox setpriv has no --bounding-set" });
    expect(f!.fix).toContain("apk add setpriv");
  });

  it("behind nohup warns in the rewrite and tells the lint's reader to move the wrapper", () => {
    const r = rewrite("nohup runuser -u app -- worker &");
    expect(r.changed).toBe(false);
    expect(r.warnings.map((w) => w.rule)).toEqual(["runuser"]);
    const [f] = lintEntrypoint("nohup runuser -u app -- worker &\n");
    expect(f!.fix).toMatch(/^write alpinize_exec_as USER\[:GROUP\] nohup CMD…/);
  });
});
