// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const FROM = "FROM debian:bookworm";
/** The echo notes of a result, as `line:column what` (what: the note's first words). */
const notes = (r: ReturnType<typeof migrate>) =>
  r.warnings
    .filter(
      (w) =>
        w.rule === "shell" &&
        /^(?:echo with|this \S+ (?:\S+ )?(?:string|substitution))/.test(w.message),
    )
    .map((w) => `${w.line}:${w.column} ${w.message.slice(0, 30)}`);

describe("echo in command substitutions of a stage moved to Alpine", () => {
  it("becomes echo -e in $( ), nested $( $( ) ) and backquotes, with a note at each echo", () => {
    const r = migrate(
      lines(
        FROM,
        "RUN x=$(echo 'a\\tb') && echo \"$x\" > /1",
        'RUN y="$(echo "$(echo -n \'n\\tn\')\\c")" && for f in `echo "p\\\\tq"`; do :; done',
        "RUN z=`echo \\`echo 'q\\\\\\\\tq'\\` 'r\\\\0101'` && echo \"$z\" > /3",
      ),
    );
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        "RUN x=$(echo -e 'a\\tb') && echo \"$x\" > /1",
        'RUN y="$(echo -e "$(echo -ne \'n\\tn\')\\c")" && for f in `echo -e "p\\\\tq"`; do :; done',
        "RUN z=`echo -e \\`echo -e 'q\\\\\\\\tq'\\` 'r\\\\0101'` && echo \"$z\" > /3",
      ),
    );
    expect(notes(r)).toEqual([
      "2:9 echo with \\t is now echo -e: u",
      "3:10 echo with \\c is now echo -e: u",
      "3:18 echo with \\t is now echo -ne: ",
      "3:52 echo with \\t is now echo -e: u",
      "4:8 echo with \\0101 is now echo -e",
      "4:15 echo with \\t is now echo -e: u",
    ]);
  });

  it("reads continuation lines, here-document bodies that expand, RUN <<EOF scripts and CRLF", () => {
    const r = migrate(
      lines(
        FROM,
        "RUN x=$(echo \\",
        "      'a\\tb') && cat <<EOF > /f && cat <<'RAW' > /g",
        "h: $(echo 'h\\td') '`echo \"i\\\\tj\"`'",
        "EOF",
        "raw: $(echo 'k\\tl')",
        "RAW",
        "RUN <<EOF",
        "cat <<BODY > /h",
        "$(echo 'm\\tn')",
        "BODY",
        "EOF",
      ),
    );
    expect(r.output).toContain("RUN x=$(echo -e \\\n      'a\\tb') && cat <<EOF");
    expect(r.output).toContain("h: $(echo -e 'h\\td') '`echo -e \"i\\\\tj\"`'\n");
    expect(r.output).toContain("raw: $(echo 'k\\tl')\n");
    expect(r.output).toContain("\n$(echo -e 'm\\tn')\nBODY\n");
    const crlf = "FROM debian:12\r\nRUN x=$(echo 'a\\tb') \\\r\n  && y=`echo 'c\\\\td'`\r\n";
    expect(migrate(crlf).output).toBe(
      "FROM alpine:3.23\r\nRUN x=$(echo -e 'a\\tb') \\\r\n  && y=`echo -e 'c\\\\td'`\r\n",
    );
  });

  it("reads them in what a container starts and in sh -c strings, exec forms included", () => {
    const r = migrate(
      lines(
        FROM,
        'RUN sh -c \'x=$(echo "a\\tb"); echo "$x"\' > /1',
        "CMD echo \"$(command echo 'c\\td')\"",
        'ENTRYPOINT ["sh", "-c", "x=$(echo \'e\\\\tf\') exec app"]',
      ),
    );
    expect(r.output).toContain('RUN sh -c \'x=$(echo -e "a\\tb"); echo "$x"\' > /1');
    expect(r.output).toContain("CMD echo \"$(command echo -e 'c\\td')\"");
    expect(r.output).toContain('ENTRYPOINT ["sh", "-c", "x=$(echo -e \'e\\\\tf\') exec app"]');
  });
});

describe("the echo builtin spelt otherwise", () => {
  it("gets -e after its name as written: command echo, \\echo, quoted echo", () => {
    const r = migrate(
      lines(
        FROM,
        "RUN command echo 'a\\tb' > /1 && command -p -- echo -n 'a\\tb' > /2",
        "RUN \\echo 'a\\tb' > /3 && \"echo\" 'a\\tb' > /4 && X=1 'echo' -n 'a\\tb' > /5",
        "RUN command -v echo 'a\\tb' && env echo 'a\\tb' && sudo echo 'a\\tb' > /6",
      ),
    );
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        "RUN command echo -e 'a\\tb' > /1 && command -p -- echo -ne 'a\\tb' > /2",
        "RUN \\echo -e 'a\\tb' > /3 && \"echo\" -e 'a\\tb' > /4 && X=1 'echo' -ne 'a\\tb' > /5",
        "RUN command -v echo 'a\\tb' && env echo 'a\\tb' && sudo echo 'a\\tb' > /6",
      ),
    );
    // One note per line and message: "-e" for \\echo and "echo", "-ne" for 'echo' -n.
    expect(notes(r).map((n) => n.split(" ")[0])).toEqual(["2:13", "2:47", "3:5", "3:52"]);
  });

  it("in a double-quoted sh -c string, writes the edit with the string's escapes", () => {
    const r = migrate(lines(FROM, "RUN sh -c \"\\\\echo 'a\\tb'\" > /1"));
    expect(r.output).toContain("RUN sh -c \"\\\\echo -e 'a\\tb'\" > /1");
  });
});

describe("eval strings", () => {
  it("are warned at, with line and column, and left as written", () => {
    const text = lines(
      FROM,
      "RUN eval \"echo 'a\\tb'\" > /1 && \\",
      "  command eval 'x=$(echo \"c\\\\td\")'",
      "RUN eval \"$CMD\" && eval 'echo plain'",
    );
    const r = migrate(text);
    expect(r.output).toBe(text.replace(FROM, "FROM alpine:3.23"));
    expect(notes(r)).toEqual([
      "2:10 this eval string runs echo wit",
      "3:16 this eval string runs echo wit",
    ]);
  });
});

describe("left as written", () => {
  it("under dash (a dash SHELL, #!/bin/dash), bash, and in a stage that was Alpine", () => {
    const text = lines(
      "FROM alpine:3.20",
      "RUN x=$(echo 'a\\tb') && command echo 'a\\tb' && eval \"echo 'a\\tb'\"",
      FROM,
      'SHELL ["/bin/dash", "-c"]',
      "RUN x=$(echo 'a\\tb') && \\echo 'a\\tb' && eval \"echo 'a\\tb'\"",
      'SHELL ["/bin/sh", "-c"]',
      "RUN <<EOF",
      "#!/bin/dash",
      "x=`echo 'a\\\\tb'`",
      "EOF",
      "RUN bash -c 'x=$(echo \"a\\tb\")'",
    );
    const r = migrate(text);
    expect(r.output).toContain("RUN x=$(echo 'a\\tb') && command echo 'a\\tb' && eval");
    expect(r.output).toContain("RUN x=$(echo 'a\\tb') && \\echo 'a\\tb' && eval");
    expect(r.output).toContain("x=`echo 'a\\\\tb'`\n");
    expect(r.output).toContain("RUN bash -c 'x=$(echo \"a\\tb\")'");
    expect(notes(r)).toEqual([]);
  });

  it("with a warning where the text is not read exactly or another rule rewrites the command", () => {
    const deep = `${"$(".repeat(9)}echo 'a\\tb'${")".repeat(9)}`;
    const text = lines(
      FROM,
      "RUN x=${y:-$(echo 'a\\tb')} && \\",
      "  z=$(( $(echo '1\\t') + 1 ))",
      `RUN x=${deep}`,
      "RUN useradd -m -c \"$(echo 'a\\tb')\" app",
      "RUN export DEBIAN_FRONTEND=$(echo 'a\\tb')",
    );
    const r = migrate(text);
    expect(r.output).toContain("RUN x=${y:-$(echo 'a\\tb')} && \\\n  z=$(( $(echo '1\\t') + 1 ))");
    expect(r.output).toContain(`RUN x=${deep}`);
    expect(r.output).toContain("RUN adduser -D -g \"$(echo 'a\\tb')\" app");
    const kept = r.warnings.filter((w) => /^this command substitution/.test(w.message));
    expect(kept.map((w) => `${w.line}:${w.column}`)).toEqual(["2:12", "3:9", "4:23", "5:20"]);
    expect(kept[0]?.message).toMatch(/does not read this one exactly .*: write echo -e in it/);
    expect(kept[3]?.message).toMatch(/another change rewrites the command it is written in/);
  });
});

describe("a COPYed #!/bin/sh script the stage runs", () => {
  it("is warned at for echo in $( ), backquotes, sh -c strings and behind command", () => {
    const files: Record<string, string> = {
      "sub.sh": "#!/bin/sh\nset -e\nx=$(echo 'a\\tb')\n",
      "cmd.sh": '#!/bin/sh\ncommand echo "a\\tb"\n',
      "quoted.sh": "#!/bin/sh\ny=`\\echo 'a\\\\tb'`\n",
      "string.sh": "#!/bin/sh\n\nsh -c 'echo \"a\\tb\"'\ndash -c 'echo \"c\\td\"'\n",
      "dash.sh": "#!/bin/sh\ndash -c 'echo \"c\\td\"'\nx=$(echo plain)\n",
    };
    const text = lines(
      FROM,
      "COPY sub.sh cmd.sh quoted.sh string.sh dash.sh /opt/",
      "RUN /opt/sub.sh && /opt/cmd.sh && /opt/quoted.sh && /opt/string.sh && /opt/dash.sh",
    );
    const r = migrate(text, { readContextFile: (path) => files[path] });
    expect(
      r.warnings
        .filter((w) => /^[\w.]+\.sh:\d+: echo/.test(w.message))
        .map((w) => w.message.slice(0, w.message.indexOf(","))),
    ).toEqual([
      "sub.sh:3: echo with \\t",
      "cmd.sh:2: echo with \\t",
      "quoted.sh:2: echo with \\t",
      "string.sh:3: echo with \\t",
    ]);
  });
});
