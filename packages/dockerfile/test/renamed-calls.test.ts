import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../src/index.js";
import { migrate, packageMap } from "./helpers.js";

const INSTALL = "RUN apt-get update && apt-get install -y gnupg1 && rm -rf /var/lib/apt/lists/*\n";

describe("gpg1 and gpgv1 calls in RUNs of a stage going to Alpine", () => {
  it("become gpg and gpgv as command words, also behind a wrapper, by path and in sh -c", () => {
    const r = migrate(
      [
        "FROM debian:12",
        INSTALL.trimEnd(),
        "RUN gpg1 --batch --recv-keys ABC && gpg1 --export ABC > /k.gpg; gpgv1 --keyring /k.gpg s f",
        "RUN sudo gpg1 --version; /usr/bin/gpgv1 --version; sh -c 'gpg1 --list-keys'",
        "",
      ].join("\n"),
    );
    expect(r.output.split("\n").slice(2, 4)).toEqual([
      "RUN gpg --batch --recv-keys ABC && gpg --export ABC > /k.gpg; gpgv --keyring /k.gpg s f",
      "RUN sudo gpg --version; /usr/bin/gpgv --version; sh -c 'gpg --list-keys'",
    ]);
    const renamed = r.edits.filter((e) => /^(?:\/usr\/bin\/)?gpgv?1$/.test(e.before));
    expect(renamed.map((e) => `${e.line}:${e.column} ${e.rule} ${e.after}`)).toEqual([
      "3:5 apt gpg",
      "3:37 apt gpg",
      "3:65 apt gpgv",
      "4:10 apt gpg",
      "4:26 apt /usr/bin/gpgv",
      "4:59 apt gpg",
    ]);
    // Renamed to what Alpine calls it: no note about Debian's name is left.
    expect(r.warnings.filter((w) => w.message.includes("gpg1"))).toEqual([]);
    expect(r.debianToolsLeft).toEqual([]);
  });

  it("are renamed in a keyring step left for a hand edit too", () => {
    const r = migrate(
      `FROM debian:12\n${INSTALL}RUN gpg1 --export "$KEY" > /usr/share/keyrings/k.gpg\n`,
    );
    expect(r.output.split("\n")[2]).toBe('RUN gpg --export "$KEY" > /usr/share/keyrings/k.gpg');
    expect(r.warnings.map((w) => w.rule)).toEqual(["apt-repos"]);
  });

  it("leave the name where it is not the command: strings, paths, operands, quoted", () => {
    const run =
      'RUN echo gpg1 "gpg1"; cp /x/gpg1 /y/gpgv1; command -v gpg1; ls gpg1.d; "gpg1" -k; X=gpg1 true';
    const r = migrate(`FROM debian:12\n${INSTALL}${run}\n`);
    expect(r.output.split("\n")[2]).toBe(run);
    // The quoted call is still one: the note says what to call on Alpine.
    const notes = r.warnings.filter((w) => /^gpg1 is Debian's name/.test(w.message));
    expect(notes.map((w) => `${w.line}:${w.column}`)).toEqual([
      `3:${run.indexOf('"gpg1" -k') + 1}`,
    ]);
  });

  it("stay as written in a stage kept on Debian", () => {
    const text =
      'FROM debian:bookworm\nRUN echo "oops && apt-get install -y gnupg1\nRUN gpg1 --version\n';
    const options = { packageMap: packageMap("3.23"), release: "3.23" };
    expect(migrateDockerfile(text, options).output).toBe(text);
  });
});

describe("gpg1 and gpgv1 calls in command substitutions", () => {
  it("are renamed in $( ), backquotes and nested ones, with no Debian tool left", () => {
    const run = 'RUN V=$(gpg1 --version) && echo `gpg1 -k` && X="$(echo $(/usr/bin/gpgv1 s f))"';
    const r = migrate(`FROM debian:12\n${INSTALL}${run}\n`);
    expect(r.output.split("\n")[2]).toBe(
      'RUN V=$(gpg --version) && echo `gpg -k` && X="$(echo $(/usr/bin/gpgv s f))"',
    );
    expect(r.warnings.filter((w) => /gpgv?1/.test(w.message))).toEqual([]);
    expect(r.debianToolsLeft).toEqual([]);
  });

  it("warn at one they cannot read exactly, leaving it as written", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's ${ }, in a RUN line
    const run = "RUN echo ${X:-$(gpg1 --version)}";
    const r = migrate(`FROM debian:12\n${INSTALL}${run}\n`);
    expect(r.output.split("\n")[2]).toBe(run);
    expect(r.warnings.filter((w) => /calls gpg1/.test(w.message)).map((w) => w.column)).toEqual([
      run.indexOf("$(gpg1") + 1,
    ]);
  });
});
