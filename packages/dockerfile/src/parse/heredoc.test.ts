import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./dockerfile.js";
import { findHeredocOpeners } from "./heredoc.js";

const delimiters = (text: string) => findHeredocOpeners(text).map((o) => o.delimiter);

describe("findHeredocOpeners", () => {
  it("reads no heredoc in a here-string, with or without space, quoted or not", () => {
    for (const text of [
      'cat <<< "hello"',
      'cat <<<"hello"',
      "cat <<< 'hello'",
      "cat <<<hello",
      "cat <<< hello",
      'read a <<<"$V"',
      "cat <<<<EOF",
    ])
      expect(delimiters(text), text).toEqual([]);
  });

  it("keeps <<EOF, <<-EOF and quoted delimiters, and a heredoc after a here-string", () => {
    expect(findHeredocOpeners("cat <<EOF")[0]).toMatchObject({ delimiter: "EOF", start: 4 });
    expect(findHeredocOpeners("cat <<-EOF")[0]).toMatchObject({ stripTabs: true });
    expect(findHeredocOpeners('cat <<"EOF"')[0]).toMatchObject({ quoted: true });
    expect(findHeredocOpeners("cat <<'EOF'")[0]).toMatchObject({ quoted: true });
    expect(delimiters("cat <<<x && cat <<A && cat <<-B")).toEqual(["A", "B"]);
  });
});

describe("parseDockerfile with here-strings", () => {
  it("parses a bash RUN with a here-string and keeps the next instruction", () => {
    const text = 'FROM x\nSHELL ["/bin/bash","-c"]\nRUN cat <<< "hello"\nRUN cat <<<hi\nUSER u\n';
    const doc = parseDockerfile(text);
    expect(doc.instructions.map((i) => i.keyword)).toEqual(["FROM", "SHELL", "RUN", "RUN", "USER"]);
    expect(doc.instructions[2]?.heredocs).toEqual([]);
  });

  it("still reads several heredocs on one RUN", () => {
    const text = "FROM x\nRUN cat <<A <<-B\na\nA\n\tb\n\tB\nUSER u\n";
    const doc = parseDockerfile(text);
    expect(doc.instructions[1]?.heredocs.map((h) => h.delimiter)).toEqual(["A", "B"]);
    expect(doc.instructions[2]?.keyword).toBe("USER");
  });
});
