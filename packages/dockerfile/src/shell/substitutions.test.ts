// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../parse/dockerfile.js";
import { parseScript } from "./script.js";
import { runSource, type ShellSource } from "./source.js";
import { substitutionsOf } from "./substitutions.js";

/** A script whose offsets are the text's own. */
function source(text: string): ShellSource {
  return {
    script: parseScript(text),
    file: text,
    escapeChar: "\\",
    span: (a, b) => [a, b],
    direct: true,
  };
}

/** Each substitution as `text@start` and whether it was read (`-` when not), in order found. */
const found = (src: ShellSource) =>
  substitutionsOf(src).map((s) => `${s.text}@${s.at[0]}${s.src ? "" : " -"}`);

describe("substitutionsOf", () => {
  it("finds $( ) and backquotes in words, assignments, redirections, for and case words", () => {
    const text = 'x=$(a) b "$(c)`d`" > "$(e)"; for f in `g`; do :; done; case $(h) in i) ;; esac';
    expect(found(source(text))).toEqual(["a@2", "c@10", "d@14", "e@22", "g@38", "h@60"]);
  });

  it("leaves single-quoted and escaped text, and reads ${ } and $(( )) ones as not exact", () => {
    const text = "echo '$(a)' \\$(b) \"\\`c\\`\" ${v:-$(d)} $(( $(e) + 1 ))";
    expect(found(source(text))).toEqual(["d@31 -", "e@41 -"]);
  });

  it("ends a $( ) holding a case where sh does, in words and here-document bodies", () => {
    const text = "x=$(case a in a) b;; esac) <<E\n$(case c in *) d;; esac)\nE";
    expect(found(source(text))).toEqual(["case a in a) b;; esac@2", "case c in *) d;; esac@31"]);
  });

  it("reads only the outer one of $( $( ) ), whose script holds the inner", () => {
    const src = source("x=$(echo $(echo 'a\\tb'))");
    const [outer] = substitutionsOf(src);
    expect(outer?.text).toBe("echo $(echo 'a\\tb')");
    expect(found(outer!.src!)).toEqual(["echo 'a\\tb'@9"]);
  });

  it("takes a backquote's escapes off and leads each character back to where it is written", () => {
    // `\\` is one backslash, `` \` `` a backquote, `\$` a dollar; `\t` stays as written.
    const text = "x=`echo \\`echo 'a\\\\tb'\\` \\$HOME 'c\\td'`";
    const [sub] = substitutionsOf(source(text));
    expect(sub?.text).toBe("echo `echo 'a\\tb'` $HOME 'c\\td'");
    const inner = sub!.src!;
    // `$HOME` is written at `\$HOME` of the text.
    const home = sub!.text.indexOf("$HOME");
    expect(text.slice(...inner.span(home, home + 5))).toBe("\\$HOME");
    expect(found(inner)).toEqual(["echo 'a\\tb'@8"]);
    // Inside double quotes `\"` is a quote too.
    expect(substitutionsOf(source('x="`echo \\"a\\"`"')).map((s) => s.text)).toEqual(['echo "a"']);
  });

  it("reads here-document bodies that expand, in the text and below a RUN line", () => {
    const text =
      "cat <<EOF >/a\n'$(a)' \\$(b) `c`\nEOF\ncat <<'X'\n$(d)\nX\ncat <<-Y\n\t$(e\n\t)\nY\n";
    // Quotes are text in a body; a quoted delimiter expands nothing; `<<-` strips tabs inside.
    expect(found(source(text))).toEqual(["a@15", "c@27", "e\n\t@62 -"]);
    const file =
      "FROM debian\nRUN cat <<EOF > /f && cat <<'X' > /g\n$(echo 'a\\tb')\nEOF\n$(no)\nX\n";
    const ins = parseDockerfile(file).instructions[1]!;
    const run = runSource(file, ins, 0, "\\");
    const [body] = substitutionsOf(run);
    expect(body?.text).toBe("echo 'a\\tb'");
    expect(file.slice(...body!.at)).toBe("$(echo 'a\\tb')");
    expect(substitutionsOf(run)).toHaveLength(1);
  });

  it("does not take a RUN <<EOF script's body as a here-document of its line", () => {
    const file = "FROM debian\nRUN <<EOF\necho $(echo 'a\\tb')\nEOF\n";
    const ins = parseDockerfile(file).instructions[1]!;
    expect(substitutionsOf(runSource(file, ins, 0, "\\"))).toEqual([]);
  });

  it("follows continuation lines back to the file", () => {
    const file = "FROM debian\nRUN x=$(echo \\\n  'a\\tb') && y=1\n";
    const ins = parseDockerfile(file).instructions[1]!;
    const [sub] = substitutionsOf(runSource(file, ins, 0, "\\"));
    expect(file.slice(...sub!.at)).toBe("$(echo \\\n  'a\\tb')");
    const src = sub!.src!;
    const quote = sub!.text.indexOf("'");
    expect(file.slice(...src.span(quote, quote + 6))).toBe("'a\\tb'");
  });
});
