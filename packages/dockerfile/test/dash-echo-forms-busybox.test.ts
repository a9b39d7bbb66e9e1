import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { alpineRootSkipReason, execInRoot, makeAlpineRoot } from "@alpinize/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { parseDockerfile, splitFlags } from "../src/parse/dockerfile.js";
import type { Instruction } from "../src/parse/types.js";
import { isHeredocScript } from "../src/shell/source.js";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const DASH = ["/usr/bin/dash", "/bin/dash"].find(existsSync);
const CAT = ["/usr/bin/cat", "/bin/cat"].find(existsSync) ?? "/bin/cat";
const skip = alpineRootSkipReason() ?? (DASH ? undefined : "no dash on this machine");

/**
 * The script each RUN, CMD and ENTRYPOINT hands its shell, as the shell reads it: the line (its
 * here-document bodies after it), a `RUN <<EOF` body, an exec form's `-c` string.
 */
function scripts(text: string): string[] {
  return parseDockerfile(text)
    .instructions.filter((i) => ["RUN", "CMD", "ENTRYPOINT"].includes(i.keyword))
    .map((i) => scriptOf(text, i));
}

function scriptOf(text: string, ins: Instruction): string {
  const line = ins.args.text.slice(splitFlags(ins.args.text).rest);
  if (ins.form === "exec") return (JSON.parse(line) as string[])[2]!;
  const bodies = ins.heredocs.map((h) => text.slice(h.bodyStart, h.bodyEnd));
  if (isHeredocScript(line)) return bodies.join("");
  return [line, ...ins.heredocs.map((h, k) => `${bodies[k]}${h.delimiter}`)].join("\n");
}

/** Debian's lines: echo with escapes in each form migrate now rewrites. */
const DEBIAN = lines(
  "FROM debian:bookworm",
  'RUN x=$(echo \'a\\tb\\0101\') && y=$(echo -n "c\\\\d\\c gone") && printf \'%s|\' "$x" "$y"',
  'RUN x="$(echo "$(echo \'n\\tn\')\\t|")" && printf \'%s|\' "$x"',
  "RUN z=`echo \\`echo 'q\\\\\\\\tq'\\` 'r\\\\0101\\\\0777'` && printf '%s|' \"$z\"",
  "RUN for w in `echo \"p\\\\tq\" '\\\\x41'`; do printf '<%s>' \"$w\"; done",
  "RUN x=$(echo \\",
  "      'a\\tb') && printf '%s|' \"$x\" && cat <<EOF",
  "h: $(echo 'h\\td') `echo \"i\\\\tj\"` '$(echo \"k\\nl\")'",
  "EOF",
  "RUN <<EOF",
  "cat <<BODY",
  "$(echo 'm\\tn')",
  "BODY",
  "v=`echo 'o\\\\tp'`; printf '%s|' \"$v\"",
  "EOF",
  "RUN command echo 'a\\tb' && command -p -- echo -n 'c\\td\\n' && command command echo '\\0101'",
  "RUN \\echo 'a\\tb' && \"echo\" -n 'c\\td' && X=1 'echo' \"e\\\\tf\" && e\\cho 'g\\\\h'",
  'CMD echo "$(command echo \'c\\td\')" "`\\echo -n x\\\\\\\\ty`"',
  'ENTRYPOINT ["sh", "-c", "x=$(echo \'e\\\\tf\\\\c\'); printf \'%s|\' \\"$x\\""]',
);

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** What dash prints for a script, `sh` on PATH being dash too (a `sh -c` inside runs dash). */
function underDash(script: string): Buffer {
  const bin = mkdtempSync(join(tmpdir(), "alpinize-echo-dash-"));
  made.push(bin);
  symlinkSync(DASH!, join(bin, "sh"));
  symlinkSync(CAT, join(bin, "cat"));
  const r = spawnSync(DASH!, ["-c", script], { cwd: bin, env: { PATH: bin } });
  expect([script, r.stderr.toString()]).toEqual([script, ""]);
  return r.stdout;
}

/** What musl busybox ash prints for a script, in an Alpine-like root under chroot. */
async function underBusybox(root: string, script: string): Promise<Buffer> {
  const r = await execInRoot(root, ["/bin/sh", "-c", `exec >/out\n${script}`]);
  expect([script, r.code, r.stderr]).toEqual([script, 0, ""]);
  return readFileSync(join(root, "out"));
}

describe.skipIf(skip !== undefined)(
  `echo in substitutions and spelt otherwise: migrate's output under busybox prints dash's bytes${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    it("gives the same bytes for each RUN, CMD and ENTRYPOINT it rewrites", async () => {
      const before = scripts(DEBIAN);
      const after = scripts(migrate(DEBIAN).output);
      expect(after).toHaveLength(before.length);
      const root = makeAlpineRoot("alpinize-echo-forms-", { dirs: ["proc"] });
      made.push(root);
      for (const [k, original] of before.entries()) {
        const rewritten = after[k]!;
        expect(rewritten).not.toBe(original);
        const dash = underDash(original).toString("latin1");
        const ash = (await underBusybox(root, rewritten)).toString("latin1");
        expect([rewritten, ash]).toEqual([rewritten, dash]);
      }
    });

    it("shows the difference it removes: the lines as written print otherwise under busybox", async () => {
      const root = makeAlpineRoot("alpinize-echo-forms-", { dirs: ["proc"] });
      made.push(root);
      for (const original of scripts(DEBIAN)) {
        const dash = underDash(original).toString("latin1");
        const ash = (await underBusybox(root, original)).toString("latin1");
        expect([original, ash === dash]).toEqual([original, false]);
      }
    });
  },
);
