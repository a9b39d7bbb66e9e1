// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MUSL_BUSYBOX } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { lintEntrypoint } from "../src/index.js";

/** Each line, the bash form it holds and what sh does with it (measured below). */
const FORMS: Array<[string, RegExp]> = [
  ["read -ra parts < input", /^read -ra is bash's: .*its read has no -a/],
  [
    'printf -v X "%s" 1',
    /^printf -v is bash's: .*prints "-v" as its format, sets no X and exits 0/,
  ],
  ["exec {fd}>lock", /^\{fd\}> redirections are bash syntax/],
  ["echo ${!HO*}", /^indirect expansion .* "bad substitution"/],
  ['echo "${parts[0]}"', /^array subscripts/],
  ["mapfile -t L < input", /^mapfile is a bash builtin/],
  ["readarray -t L < input", /^readarray is a bash builtin/],
  ["coproc true", /^coproc is a bash builtin/],
  ["dirs", /^dirs is a bash builtin/],
  ["disown", /^disown is a bash builtin/],
];

const bashSyntax = (script: string) =>
  lintEntrypoint(script).filter((f) => f.rule === "bash-syntax");

describe("lintEntrypoint: bash-only forms under #!/bin/sh that ash and dash both refuse", () => {
  for (const [line, message] of FORMS)
    it(`reports ${line} as an error`, () => {
      const [f, ...more] = bashSyntax(`#!/bin/sh\n${line}\n`);
      expect(more).toEqual([]);
      expect(f?.message).toMatch(message);
      expect(f?.severity).toBe("error");
    });

  it("names the option's column, and leaves the forms in quotes, comments, here-documents", () => {
    expect(bashSyntax("#!/bin/sh\nread -r -a x\n").map((f) => f.column)).toEqual([9]);
    const none = [
      "#!/bin/sh",
      "echo 'read -a x; ${!x}' # printf -v x; exec {fd}>y",
      "read -r -p '-a' x; printf '%s\\n' -v; printf -- -v",
      "cat <<'EOF'\nread -a x\nexec {fd}>y\nmapfile\nEOF",
      "find . -exec rm {} + && echo {}>/dev/null",
      "",
    ].join("\n");
    expect(bashSyntax(none)).toEqual([]);
  });

  it("leaves a builtin's name the script defined as a function before (sh runs it)", () => {
    const script =
      '#!/bin/sh\npushd /a\npushd() { cd "$1"; }\npushd /b\nfunction dirs { :; }\ndirs\n';
    expect(bashSyntax(script).map((f) => `${f.line}:${f.message.split(" ")[0]}`)).toEqual([
      "2:pushd",
      "5:the",
    ]);
  });

  it("leaves them alone under #!/bin/bash", () => {
    const lines = FORMS.map(([line]) => line).join("\n");
    expect(bashSyntax(`#!/bin/bash\n${lines}\n`)).toEqual([]);
  });
});

const DASH = ["/usr/bin/dash", "/bin/dash"].find((p) => existsSync(p));

describe.skipIf(!existsSync(MUSL_BUSYBOX))("each form under busybox ash and dash", () => {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-bash-forms-"));
  const run = (shell: string[], script: string) => {
    const r = spawnSync(shell[0]!, [...shell.slice(1), "-c", script], {
      cwd: dir,
      encoding: "utf8",
    });
    return { status: r.status, out: r.stdout };
  };
  const shells = [[MUSL_BUSYBOX, "sh"], ...(DASH ? [[DASH]] : [])];

  it("fails each (status or the shell ends), or leaves the variable unset (ash printf -v)", () => {
    for (const shell of shells)
      for (const [line] of FORMS) {
        const r = run(shell, `echo host > input; ${line}; echo "ok $? [$X]"`);
        const ended = r.status !== 0 || !r.out.includes("ok ");
        const failed = /ok [1-9]\d* /.test(r.out);
        const unset = line.startsWith("printf") && /^-vok 0 \[\]\n$/.test(r.out);
        expect(ended || failed || unset, `${shell.join(" ")}: ${line}: ${JSON.stringify(r)}`).toBe(
          true,
        );
      }
  });
});
