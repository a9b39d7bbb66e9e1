import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const FROM = "FROM debian:bookworm";
/** The echo notes of a result, as `line:column what` (what: the note's first words). */
const notes = (r: ReturnType<typeof migrate>) =>
  r.warnings
    .filter((w) => w.rule === "shell" && /echo/.test(w.message))
    .map((w) => `${w.line}:${w.column} ${w.message.slice(0, 40)}`);

describe("echo in what a container starts (shell-form CMD, ENTRYPOINT, HEALTHCHECK CMD)", () => {
  it("becomes echo -e as in a RUN: Docker runs them with /bin/sh -c", () => {
    const r = migrate(
      lines(
        FROM,
        'HEALTHCHECK --interval=5s CMD echo "ok\\tgo" || exit 1',
        "ENTRYPOINT echo -n 'a\\cb' && exec app",
        'CMD echo "x\\0101" -- "$HOME\\n"',
      ),
    );
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        'HEALTHCHECK --interval=5s CMD echo -e "ok\\tgo" || exit 1',
        "ENTRYPOINT echo -ne 'a\\cb' && exec app",
        'CMD echo -e "x\\0101" -- "$HOME\\n"',
      ),
    );
    expect(notes(r)).toEqual([
      "2:31 echo with \\t is now echo -e: under Debia",
      "3:12 echo with \\c is now echo -ne: under Debi",
      "4:5 echo with \\0101 \\n is now echo -e: under",
    ]);
  });

  it("follows the shell: SHELL at the instruction for CMD, the final one for HEALTHCHECK, /bin/sh at the end", () => {
    const r = migrate(
      lines(
        FROM,
        'SHELL ["/bin/bash", "-c"]',
        'CMD echo "a\\tb" > /1',
        'SHELL ["/bin/sh", "-c"]',
        'ENTRYPOINT echo "a\\tb" > /2',
        "FROM debian:bookworm",
        'HEALTHCHECK CMD echo "a\\tb" > /3',
        'SHELL ["/bin/bash", "-c"]',
        "FROM debian:bookworm",
        'CMD echo "a\\tb" > /4',
        "RUN ln -sf /bin/bash /bin/sh",
      ),
    );
    expect(r.output).toContain('CMD echo "a\\tb" > /1');
    expect(r.output).toContain('ENTRYPOINT echo -e "a\\tb" > /2');
    expect(r.output).toContain('HEALTHCHECK CMD echo "a\\tb" > /3');
    expect(r.output).toContain('CMD echo "a\\tb" > /4');
  });

  it("keeps continuation lines, the backtick escape and CRLF endings", () => {
    const r = migrate("# escape=`\r\nFROM debian:12\r\nCMD echo 'a\\tb' `\r\n    \"c\\\\d\"\r\n");
    expect(r.output).toBe(
      "# escape=`\r\nFROM alpine:3.23\r\nCMD echo -e 'a\\tb' `\r\n    \"c\\\\d\"\r\n",
    );
  });

  it("leaves a program started by exec form, echo behind a wrapper, and a stage already Alpine", () => {
    const text = lines(
      "FROM alpine:3.20",
      'CMD echo "a\\tb"',
      FROM,
      'CMD ["echo", "a\\\\tb"]',
      'ENTRYPOINT env echo "a\\tb"',
    );
    const r = migrate(text);
    expect(r.output).toBe(text.replace("FROM debian:bookworm", "FROM alpine:3.23"));
    expect(notes(r)).toEqual([]);
  });
});

describe("echo in sh -c strings", () => {
  it("rewrites inside a single-quoted string of a RUN (sh; not dash, which is installed, bash, su, flock)", () => {
    const r = migrate(
      lines(
        FROM,
        "RUN sh -c 'echo \"a\\tb\" > /1' && dash -c 'echo a\\\\\\\\tb'",
        "RUN bash -c 'echo \"a\\tb\"' && su -c 'echo \"a\\tb\"' && flock /l -c 'echo \"a\\tb\"'",
        "RUN sudo -u app sh -ec 'echo \"$X\\c\"' \\",
        "    && find / -exec sh -c 'echo \"{}\\n\"' \\;",
      ),
    );
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        "RUN apk add --no-cache bash dash",
        "RUN sh -c 'echo -e \"a\\tb\" > /1' && dash -c 'echo a\\\\\\\\tb'",
        "RUN bash -c 'echo \"a\\tb\"' && su -c 'echo \"a\\tb\"' && flock /l -c 'echo \"a\\tb\"'",
        "RUN sudo -u app sh -ec 'echo -e \"$X\\c\"' \\",
        "    && find / -exec sh -c 'echo -e \"{}\\n\"' \\;",
      ),
    );
  });

  it("rewrites inside a double-quoted string the outer shell expands nothing in, escaping what it writes", () => {
    const r = migrate(
      lines(
        FROM,
        'RUN sh -c "echo \'a\\tb\' \\"c\\\\\\\\d\\" \\$HOME" > /1',
        "RUN sh -c \"echo '\\x41\\0777'\"",
        "RUN sh -c 'sh -c \"echo -n a\\\\\\\\tb\"'",
      ),
    );
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        'RUN sh -c "echo -e \'a\\tb\' \\"c\\\\\\\\d\\" \\$HOME" > /1',
        "RUN sh -c \"echo -e '\\\\\\x41\\\\0377'\"",
        "RUN sh -c 'sh -c \"echo -ne a\\\\\\\\tb\"'",
      ),
    );
  });

  it("warns at the string, with line and column, where the outer shell expands it first", () => {
    const r = migrate(lines(FROM, "RUN true && \\", '  sh -c "echo \\"$V\\tb\\""'));
    expect(r.output).toContain('  sh -c "echo \\"$V\\tb\\""');
    expect(notes(r)).toEqual(["3:9 this sh -c string runs echo with backsla"]);
  });

  it("warns where another rule puts the whole string back (its edit needs a quote the string cannot hold)", () => {
    const text = lines(
      FROM,
      `RUN sh -c 'echo "a\\tb"; savedAptMark="$(apt-mark showmanual)"; apt-get install -y gcc; find /usr/local -type f -exec ldd "{}" ";" | awk "/=>/ { print }" | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -r apt-mark manual; apt-get purge -y --auto-remove'`,
    );
    const r = migrate(text);
    expect(r.output).toBe(text.replace(FROM, "FROM alpine:3.23"));
    expect(notes(r)).toEqual(["2:11 this sh -c string runs echo with backsla"]);
    expect(r.warnings.find((w) => w.line === 2 && w.rule === "shell")?.message).toMatch(
      /another change to it needs a character its quotes cannot hold/,
    );
  });

  it("rewrites the -c string of an exec form through its JSON escapes", () => {
    const r = migrate(
      lines(
        FROM,
        'ENTRYPOINT ["/bin/sh", "-c", "echo \\"a\\\\tb\\" \'\\\\x41\' -- && exec \\"$@\\"", "--"]',
        'CMD ["dash", "-ec", "echo \'\\\\0777\'"]',
        'RUN ["sh", "-c", "echo -n \'a\\\\nb\' > /f"]',
        'HEALTHCHECK CMD ["sh", "-c", "sh -c \'echo a\\\\\\\\\\\\\\\\tb\'"]',
        'CMD ["bash", "-c", "echo \'a\\\\tb\'"]',
        'ENTRYPOINT ["/sbin/tini", "--", "gosu", "app", "sh", "-c", "echo \'a\\\\tb\'"]',
      ),
    );
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        "RUN apk add --no-cache bash dash",
        'ENTRYPOINT ["/bin/sh", "-c", "echo -e \\"a\\\\tb\\" \'\\\\\\\\x41\' -- && exec \\"$@\\"", "--"]',
        'CMD ["dash", "-ec", "echo \'\\\\0777\'"]',
        'RUN ["sh", "-c", "echo -ne \'a\\\\nb\' > /f"]',
        'HEALTHCHECK CMD ["sh", "-c", "sh -c \'echo -e a\\\\\\\\\\\\\\\\tb\'"]',
        'CMD ["bash", "-c", "echo \'a\\\\tb\'"]',
        'ENTRYPOINT ["/sbin/tini", "--", "gosu", "app", "sh", "-c", "echo -e \'a\\\\tb\'"]',
      ),
    );
  });
});

describe("echo in a COPYed #!/bin/sh script the stage runs: warned at, with the script's line", () => {
  const files: Record<string, string> = {
    "setup.sh": '#!/bin/sh\nset -e\necho "a\\tb" > /f\n',
    "bash.sh": '#!/bin/bash\necho "a\\tb"\n',
    "plain.sh": "#!/bin/sh\necho 'no escapes' \\\\\n",
    "start.sh": "#!/usr/bin/env sh\necho -n 'ready\\c'\nexec \"$@\"\n",
  };
  const read = (path: string) => files[path];
  const text = lines(
    FROM,
    "COPY setup.sh bash.sh plain.sh start.sh /opt/",
    "RUN /opt/setup.sh && sh /opt/bash.sh && /opt/plain.sh",
    "RUN bash /opt/setup.sh",
    'ENTRYPOINT ["/opt/start.sh"]',
  );
  const scriptNotes = (r: ReturnType<typeof migrate>) =>
    r.warnings
      .filter((w) => /^[\w.]+\.sh:\d+: echo/.test(w.message))
      .map((w) => `${w.line}:${w.column} ${w.message.slice(0, w.message.indexOf(","))}`);

  it("names each script, its line and escapes; the script is not rewritten", () => {
    const r = migrate(text, { readContextFile: read });
    expect(scriptNotes(r)).toEqual([
      "2:1 start.sh:2: echo with \\c",
      "3:5 setup.sh:3: echo with \\t",
      "3:22 bash.sh:2: echo with \\t",
    ]);
    expect(r.output).toBe(text.replace(FROM, "FROM alpine:3.23\nRUN apk add --no-cache bash"));
  });

  it("leaves the started script to migrate DIR (its lint), and /bin/sh linked to bash", () => {
    expect(scriptNotes(migrate(text, { readContextFile: read, migratesScripts: true }))).toEqual([
      "3:5 setup.sh:3: echo with \\t",
      "3:22 bash.sh:2: echo with \\t",
    ]);
    // The first RUN ran before the link: its script was read by dash; the container's by bash.
    const linked = text.replace("RUN bash", "RUN ln -sf /bin/bash /bin/sh && bash");
    expect(scriptNotes(migrate(linked, { readContextFile: read }))).toEqual([
      "3:5 setup.sh:3: echo with \\t",
      "3:22 bash.sh:2: echo with \\t",
    ]);
    const first = text.replace(
      "FROM debian:bookworm",
      "FROM debian:bookworm\nRUN ln -sf /bin/bash /bin/sh",
    );
    expect(scriptNotes(migrate(first, { readContextFile: read }))).toEqual([]);
  });
});
