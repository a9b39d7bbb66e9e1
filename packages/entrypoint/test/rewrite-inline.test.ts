import { describe, expect, it } from "vitest";
import { DEFAULT_SHIMS_PATH, readShims, rewriteEntrypoint } from "../src/index.js";
import { parses } from "./support/rewrite.js";

const BEGIN = "# >>> alpinize shims (inlined by `alpinize entrypoint --inline`; do not edit) >>>";
const END = "# <<< alpinize shims <<<";
const inline = { shimSource: "inline" } as const;

/** The names of the functions a text defines. */
const defines = (text: string) =>
  [...text.matchAll(/^(alpinize_\w+)\(\) \{/gm)].map((m) => m[1]).sort();

describe("--inline copies only the shims the script uses", () => {
  it("inlines alpinize_exec_as and its helpers for a gosu call, nothing for groups", () => {
    const script = '#!/bin/sh\nset -e\nchown -R app /data\nexec gosu app "$@"\n';
    const r = rewriteEntrypoint(script, inline);
    expect(defines(r.output)).toEqual(["alpinize_exec_as"]);
    expect(r.output).not.toContain("_alpinize_rewrite");
    expect(r.output).toContain(
      "# Only what this script calls, and what that uses: alpinize_exec_as (alpinize shims print has them all).\n",
    );
    expect(r.edits[0]).toMatchObject({
      rule: "source-shims",
      message: "inlines the alpinize shims it uses: alpinize_exec_as",
    });
    expect(
      r.output.endsWith(
        `${END}\nset -e\nchown -R app /data\n{ alpinize_exec_as app "$@" || exit; }\n`,
      ),
    ).toBe(true);
    expect(r.output.split("\n").length * 3).toBeLessThan(readShims().split("\n").length);
    parses(["dash"], r.output);
    expect(rewriteEntrypoint(r.output, inline).changed).toBe(false);
  });

  it("inlines what group calls use, and the functions those call", () => {
    const r = rewriteEntrypoint(
      "#!/bin/sh\ngroupadd -g 999 docker\nusermod -aG docker app\n",
      inline,
    );
    expect(defines(r.output)).toEqual([
      "alpinize_add_user_to_group",
      "alpinize_ensure_group",
      "alpinize_group_name_for_gid",
      "alpinize_user_in_group",
    ]);
    parses(["dash"], r.output);
  });

  it("inlines the whole library, as it is, for a script that calls every function", () => {
    const script = [
      "#!/bin/sh",
      "groupadd -g 999 docker",
      "useradd -u 1000 -g docker -d /app -s /bin/sh -M app",
      "usermod -aG docker app",
      "alpinize_getent passwd app",
      "alpinize_user_name_for_uid 1000",
      "alpinize_socket_gid /run/docker.sock",
      'exec gosu app "$@"',
      "",
    ].join("\n");
    const r = rewriteEntrypoint(script, inline);
    expect(r.output.startsWith(`#!/bin/sh\n${BEGIN}\n${readShims()}${END}\n`)).toBe(true);
    expect(r.edits[0]?.message).toBe("inlines the alpinize shims");
  });

  it("sources the whole file by default, as before", () => {
    const r = rewriteEntrypoint('#!/bin/sh\nexec gosu app "$@"\n');
    expect(r.output).toBe(
      `#!/bin/sh\n# User and group shims that behave the same on Debian and Alpine (alpinize shims print).\n. ${DEFAULT_SHIMS_PATH}\n{ alpinize_exec_as app "$@" || exit; }\n`,
    );
  });
});

describe("an inlined block a later call needs more from", () => {
  const first = rewriteEntrypoint("#!/bin/sh\ngroupadd -g 5 g\n", inline).output;
  const grown = `${first}exec gosu app "$@"\n`;

  for (const [label, options] of [
    ["--inline", inline],
    ["the default source", {}],
  ] as const) {
    it(`is rebuilt with the new function and what it had (${label})`, () => {
      const r = rewriteEntrypoint(grown, options);
      expect(defines(r.output)).toEqual([
        "alpinize_ensure_group",
        "alpinize_exec_as",
        "alpinize_group_name_for_gid",
      ]);
      expect(r.output).not.toContain(DEFAULT_SHIMS_PATH);
      expect(r.output.split(BEGIN).length).toBe(2);
      const rebuilt = r.edits.find((e) => e.rule === "source-shims");
      expect(rebuilt).toMatchObject({ line: 2, column: 1 });
      expect(rebuilt?.before.startsWith(BEGIN)).toBe(true);
      expect(rebuilt?.message).toContain("in place of the inlined copy that lacked some of them");
      parses(["dash"], r.output);
      expect(rewriteEntrypoint(r.output, options).changed).toBe(false);
    });
  }

  it("is left alone when it has everything the script calls (an older whole copy too)", () => {
    const whole = `#!/bin/sh\n${BEGIN}\n${readShims()}${END}\nexec gosu app "$@"\n`;
    const r = rewriteEntrypoint(whole, inline);
    expect(r.output).toBe(
      whole.replace('exec gosu app "$@"', '{ alpinize_exec_as app "$@" || exit; }'),
    );
    expect(r.edits.map((e) => e.rule)).toEqual(["gosu"]);
  });

  it("without its end marker, is not touched (nothing says where it ends)", () => {
    const open = `#!/bin/sh\n${BEGIN}\nalpinize_ensure_group() { :; }\nalpinize_exec_as app id\n`;
    expect(rewriteEntrypoint(open, inline).changed).toBe(false);
  });
});
