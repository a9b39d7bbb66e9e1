import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../src/parse/dockerfile.js";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const FROM = "FROM debian:bookworm";
const dashNotes = (r: ReturnType<typeof migrate>) =>
  r.warnings
    .filter((w) => w.rule === "shell" && /dash added/.test(w.message))
    .map((w) => `${w.line} ${w.message.slice(0, w.message.indexOf(":"))}`);

describe("a stage that calls dash gets Alpine's dash (busybox has none); dash keeps its echo", () => {
  it("installs dash for dash -c and leaves echo in the string as dash reads it", () => {
    const r = migrate(lines(FROM, "RUN dash -c \"echo 'a\\nb'\" && sh -c 'echo \"c\\td\"'"));
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        "RUN apk add --no-cache dash",
        "RUN dash -c \"echo 'a\\nb'\" && sh -c 'echo -e \"c\\td\"'",
      ),
    );
    expect(dashNotes(r)).toEqual(["2 a RUN line calls dash"]);
  });

  it("adds dash to the stage's first apk add before the call, else writes one before a dash SHELL", () => {
    const before = migrate(
      lines(
        FROM,
        "RUN apt-get update && apt-get install -y curl",
        'SHELL ["/bin/dash", "-c"]',
        "RUN echo 'a\\nb'",
      ),
    );
    expect(before.output).toBe(
      lines(
        "FROM alpine:3.23",
        "RUN apk add --no-cache curl dash",
        'SHELL ["/bin/dash", "-c"]',
        "RUN echo 'a\\nb'",
      ),
    );
    expect(dashNotes(before)).toEqual(["3 SHELL is dash"]);
    // An apk add under the dash SHELL would run under the dash it installs.
    const after = migrate(
      lines(FROM, 'SHELL ["/bin/dash", "-c"]', "RUN apt-get update && apt-get install -y curl"),
    );
    expect(after.output).toBe(
      lines(
        "FROM alpine:3.23",
        "RUN apk add --no-cache dash",
        'SHELL ["/bin/dash", "-c"]',
        "RUN apk add --no-cache curl",
      ),
    );
  });

  it("reads dash script.sh, exec forms, heredocs and #!/bin/dash scripts; sh under a dash SHELL is ash", () => {
    const cases = [
      "RUN dash /opt/setup.sh",
      'RUN ["/bin/dash", "-c", "echo \'a\\\\nb\'"]',
      'CMD ["/usr/bin/dash", "/entry.sh"]',
      "ENTRYPOINT dash -c 'exec \"$@\"' --",
      'HEALTHCHECK CMD ["dash", "-c", "echo \'ok\\\\c\'"]',
      "RUN <<EOF dash\necho 'x\\ty'\nEOF",
      "RUN <<EOF\n#!/bin/dash\necho 'x\\ty'\nEOF",
      "COPY run.sh /run.sh",
    ];
    const read = (path: string) => (path === "run.sh" ? "#!/bin/dash\necho 'a\\tb'\n" : undefined);
    for (const c of cases) {
      const r = migrate(lines(FROM, c), { readContextFile: read });
      expect([c, r.output]).toEqual([
        c,
        lines("FROM alpine:3.23", "RUN apk add --no-cache dash", c),
      ]);
    }
    const sh = migrate(
      lines(FROM, 'SHELL ["/bin/dash", "-c"]', "RUN sh <<EOF", "echo 'x\\ty'", "EOF"),
    );
    expect(sh.output).toContain("echo -e 'x\\ty'");
  });

  it("adds nothing for dash as a word, an installed dash, a parent's dash or an Alpine stage", () => {
    for (const text of [
      lines(FROM, "RUN echo dash-board > /f && mkdir /opt/dash"),
      lines(FROM, "RUN apt-get update && apt-get install -y dash && dash -c true"),
      lines("FROM alpine:3.20", "RUN dash -c true"),
    ])
      expect(migrate(text).output).not.toMatch(/apk add --no-cache (?:\S+ )*dash\n/);
    const child = migrate(
      lines(`${FROM} AS base`, "RUN dash -c true", "FROM base", "RUN dash -c true"),
    );
    expect(child.output.match(/dash\n/g)).toHaveLength(1);
  });
});

const BUSYBOX = join(
  process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test",
  "busybox-musl",
  "busybox",
);
const DASH = ["/usr/bin/dash", "/bin/dash"].find(existsSync);

describe.skipIf(!existsSync(BUSYBOX) || !DASH)(
  "a migrated dash -c RUN under musl busybox ash, with dash installed, prints what it printed on Debian (skipped without dash and the musl busybox)",
  () => {
    it("gives the same bytes as dash -c under Debian's /bin/sh", () => {
      const before = lines(
        FROM,
        "RUN dash -c \"echo 'a\\nb\\c never'\" && sh -c 'echo \"c\\td\"' && dash -c 'echo \"\\0101\"'",
      );
      const run = (text: string) =>
        parseDockerfile(text)
          .instructions.filter((i) => i.keyword === "RUN")
          .at(-1)!.args.text;
      const after = migrate(before).output;
      expect(after).toContain("RUN apk add --no-cache dash\n");
      // Debian: /bin/sh and dash are dash. Alpine: /bin/sh is busybox ash, dash the package's.
      const debian = binDir("debian", { sh: DASH!, dash: DASH! });
      const alpine = binDir("alpine", { sh: BUSYBOX, dash: DASH! });
      const dash = spawnSync(DASH!, ["-c", run(before)], { env: { PATH: debian } });
      const ash = spawnSync(BUSYBOX, ["ash", "-c", run(after)], { env: { PATH: alpine } });
      expect(ash.stdout.toString("latin1")).toBe(dash.stdout.toString("latin1"));
      expect(dash.stdout.toString("latin1")).toBe("a\nbc\td\nA\n");
      expect(ash.status).toBe(0);
    });
  },
);

/** A folder of links named for the programs a script calls by name. */
function binDir(name: string, programs: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), `alpinize-dash-${name}-`));
  for (const [link, program] of Object.entries(programs)) symlinkSync(program, join(dir, link));
  return dir;
}
